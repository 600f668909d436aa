/**
 * Reads one pixel of the map's drawing buffer after each frame without waiting for it: the read goes
 * into a pixel-pack buffer behind a fence, and the colour is taken once the fence has passed (WebGL
 * updates a fence's status only between tasks, so it is polled on a short timer).
 *
 * Why not a plain readPixels: that stalls the page's main thread until the software renderer has
 * finished the frame. Under a 10,000-station feed a trace showed the probe's own reads holding the
 * main thread 60 % of the time, so the telemetry it timed sat in the task queue for 300–500 ms.
 */
export class PixelReadback {
  private readonly pending: Array<{ buffer: WebGLBuffer; fence: WebGLSync }> = [];
  private readonly spare: WebGLBuffer[] = [];
  private readonly rgba = new Uint8Array(4);
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly gl: WebGL2RenderingContext,
    /** Called in frame order with each read colour and the epoch ms it was seen complete. */
    private readonly onPixel: (rgba: [number, number, number, number], at: number) => void,
  ) {}

  /** Queues a read of drawing-buffer pixel (x, y), counted from the bottom left, after what is drawn so far. */
  read(x: number, y: number): void {
    const { gl } = this;
    const buffer = this.spare.pop() ?? gl.createBuffer();
    if (!buffer) return;
    gl.bindBuffer(gl.PIXEL_PACK_BUFFER, buffer);
    gl.bufferData(gl.PIXEL_PACK_BUFFER, 4, gl.STREAM_READ);
    gl.readPixels(x, y, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, 0);
    gl.bindBuffer(gl.PIXEL_PACK_BUFFER, null);
    const fence = gl.fenceSync(gl.SYNC_GPU_COMMANDS_COMPLETE, 0);
    if (!fence) return;
    gl.flush();
    this.pending.push({ buffer, fence });
    this.poll();
  }

  private poll(): void {
    if (this.timer !== null) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.collect();
      if (this.pending.length > 0) this.poll();
    }, 2);
  }

  private collect(): void {
    const { gl } = this;
    while (this.pending.length > 0) {
      const next = this.pending[0];
      if (!next || gl.getSyncParameter(next.fence, gl.SYNC_STATUS) !== gl.SIGNALED) return;
      this.pending.shift();
      gl.deleteSync(next.fence);
      gl.bindBuffer(gl.PIXEL_PACK_BUFFER, next.buffer);
      gl.getBufferSubData(gl.PIXEL_PACK_BUFFER, 0, this.rgba);
      gl.bindBuffer(gl.PIXEL_PACK_BUFFER, null);
      this.spare.push(next.buffer);
      const [r = 0, g = 0, b = 0, a = 0] = this.rgba;
      this.onPixel([r, g, b, a], Date.now());
    }
  }
}
