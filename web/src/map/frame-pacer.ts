import type { FrameGate } from '../data/realtime/use-frame-telemetry';
import { FencePoller, fenceNow, fencePassed } from './gpu-fence';

/**
 * Holds the map's next hand-over of live values until the GPU has finished the frame drawn with the
 * last one, so a slow GPU never has a second frame queued behind the one it is drawing.
 *
 * Why: the browser lets a page queue frames ahead of the GPU. On a software renderer under a
 * 10,000-station feed a frame takes 150 ms, and a value that had just missed one waited behind two:
 * 750 ms from database to pixel. Drawn one at a time, each frame carries the newest values there are
 * when the GPU is free for it.
 *
 * The map calls `submitted` after each frame it draws; a fence tells when the GPU is done. A frame
 * that never comes or never finishes (a lost context, nothing to redraw) releases the next hand-over
 * after `maxWaitMs`, so values keep flowing.
 */
export class FramePacer implements FrameGate {
  private busy: { since: number; gl?: WebGL2RenderingContext; sync?: WebGLSync } | null = null;
  private waiters: Array<() => void> = [];
  private readonly poller = new FencePoller(() => {
    if (!this.finished()) return true;
    this.release();
    return false;
  });

  constructor(private readonly maxWaitMs = 1_000) {}

  /** Values were handed to the map: a frame with them is on its way. */
  handedOver(): void {
    this.busy ??= { since: Date.now() };
    this.poller.start();
  }

  /** The map has just submitted a frame on `gl`. */
  submitted(gl: WebGL2RenderingContext): void {
    const sync = fenceNow(gl);
    if (!sync) return;
    if (this.busy?.sync) this.busy.gl?.deleteSync(this.busy.sync);
    this.busy = { since: this.busy?.since ?? Date.now(), gl, sync };
    this.poller.start();
  }

  /** Runs `next` once the GPU has finished the last frame (at once when nothing is on its way). */
  whenIdle(next: () => void): void {
    if (!this.busy) {
      next();
      return;
    }
    this.waiters.push(next);
    this.poller.start();
  }

  private finished(): boolean {
    const busy = this.busy;
    if (!busy) return true;
    if (Date.now() - busy.since > this.maxWaitMs) return true;
    return !!busy.gl && !!busy.sync && fencePassed(busy.gl, busy.sync);
  }

  private release(): void {
    if (this.busy?.sync) this.busy.gl?.deleteSync(this.busy.sync);
    this.busy = null;
    const waiters = this.waiters;
    this.waiters = [];
    for (const next of waiters) next();
  }
}
