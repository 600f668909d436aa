/**
 * Holds a screen's next hand-over of live values until the GPU has finished the frame drawn with the
 * last one, so a slow GPU never has a second frame queued behind the one it is drawing.
 *
 * Why: the browser lets a page queue frames ahead of the GPU. On a software renderer under a
 * 10,000-station feed a frame takes 150 ms, and a value that had just missed one waited behind two:
 * 750 ms from database to pixel. Drawn one at a time, each frame carries the newest values there are
 * when the GPU is free for it.
 *
 * The screen calls `handedOver` when it takes values and `submitted` after each frame it draws; a
 * fence tells when the GPU is done. WebGL updates a fence's status only between tasks, so it is
 * polled on a short timer. A frame that never comes or never finishes (a lost context, nothing to
 * redraw) releases the next hand-over after `maxWaitMs`, so values keep flowing.
 */
export class FramePacer {
  private busy: { since: number; gl?: WebGL2RenderingContext; sync?: WebGLSync } | null = null;
  private waiters: Array<() => void> = [];
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly maxWaitMs = 1_000) {}

  /** Values were handed to the screen: a frame with them is on its way. */
  handedOver(): void {
    this.busy ??= { since: Date.now() };
    this.poll();
  }

  /** The screen has just submitted a frame on `gl`. */
  submitted(gl: WebGL2RenderingContext): void {
    const sync = gl.fenceSync(gl.SYNC_GPU_COMMANDS_COMPLETE, 0);
    if (!sync) return;
    gl.flush();
    if (this.busy?.sync) this.busy.gl?.deleteSync(this.busy.sync);
    this.busy = { since: this.busy?.since ?? Date.now(), gl, sync };
    this.poll();
  }

  /** Runs `next` once the GPU has finished the last frame (at once when nothing is on its way). */
  whenIdle(next: () => void): void {
    if (!this.busy) {
      next();
      return;
    }
    this.waiters.push(next);
    this.poll();
  }

  private poll(): void {
    if (this.timer !== null) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.finished()) this.release();
      else if (this.busy) this.poll();
    }, 2);
  }

  private finished(): boolean {
    const busy = this.busy;
    if (!busy) return true;
    if (Date.now() - busy.since > this.maxWaitMs) return true;
    return (
      !!busy.gl &&
      !!busy.sync &&
      busy.gl.getSyncParameter(busy.sync, busy.gl.SYNC_STATUS) === busy.gl.SIGNALED
    );
  }

  private release(): void {
    if (this.busy?.sync) this.busy.gl?.deleteSync(this.busy.sync);
    this.busy = null;
    const waiters = this.waiters;
    this.waiters = [];
    for (const next of waiters) next();
  }
}
