/** How often a pending fence is looked at. */
const POLL_MS = 2;

/** A fence after every command submitted so far on `gl`, flushed so the GPU starts on them now. */
export function fenceNow(gl: WebGL2RenderingContext): WebGLSync | null {
  const sync = gl.fenceSync(gl.SYNC_GPU_COMMANDS_COMPLETE, 0);
  if (sync) gl.flush();
  return sync;
}

export function fencePassed(gl: WebGL2RenderingContext, sync: WebGLSync): boolean {
  return gl.getSyncParameter(sync, gl.SYNC_STATUS) === gl.SIGNALED;
}

/**
 * Runs `tick` on a short timer for as long as it returns true. WebGL updates a fence's status only
 * between tasks, so a fence can only be waited for by looking again later, never in a loop.
 */
export class FencePoller {
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly tick: () => boolean) {}

  start(): void {
    if (this.timer !== null) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.tick()) this.start();
    }, POLL_MS);
  }
}
