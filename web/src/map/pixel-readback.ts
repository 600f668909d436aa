import { FencePoller, fenceNow, fencePassed } from './gpu-fence';

type Rgba = [number, number, number, number];

/**
 * Reads one pixel of the map's drawing buffer after a frame without waiting for it: the read goes
 * into a pixel-pack buffer behind a fence, and the colour is taken once the fence has passed.
 *
 * Why not a plain readPixels: that stalls the page's main thread until the software renderer has
 * finished the frame. Under a 10,000-station feed a trace showed the probe's own reads holding the
 * main thread 60 % of the time, so the telemetry it timed sat in the task queue for 300–500 ms.
 */
export class PixelReadback {
  private readonly pending: Array<{
    buffer: WebGLBuffer;
    fence: WebGLSync;
    onPixel: (rgba: Rgba, at: number) => void;
  }> = [];
  private readonly spare: WebGLBuffer[] = [];
  private readonly rgba = new Uint8Array(4);
  private readonly poller = new FencePoller(() => {
    this.collect();
    return this.pending.length > 0;
  });

  constructor(readonly gl: WebGL2RenderingContext) {}

  /**
   * Reads drawing-buffer pixel (x, y), counted from the bottom left, after what is drawn so far;
   * `onPixel` gets its colour, in frame order, with the epoch ms it was seen complete.
   */
  read(x: number, y: number, onPixel: (rgba: Rgba, at: number) => void): void {
    const { gl } = this;
    const buffer = this.spare.pop() ?? gl.createBuffer();
    if (!buffer) return;
    gl.bindBuffer(gl.PIXEL_PACK_BUFFER, buffer);
    gl.bufferData(gl.PIXEL_PACK_BUFFER, 4, gl.STREAM_READ);
    gl.readPixels(x, y, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, 0);
    gl.bindBuffer(gl.PIXEL_PACK_BUFFER, null);
    const fence = fenceNow(gl);
    if (!fence) return;
    this.pending.push({ buffer, fence, onPixel });
    this.poller.start();
  }

  private collect(): void {
    const { gl } = this;
    for (let next = this.pending[0]; next && fencePassed(gl, next.fence); next = this.pending[0]) {
      this.pending.shift();
      gl.deleteSync(next.fence);
      gl.bindBuffer(gl.PIXEL_PACK_BUFFER, next.buffer);
      gl.getBufferSubData(gl.PIXEL_PACK_BUFFER, 0, this.rgba);
      gl.bindBuffer(gl.PIXEL_PACK_BUFFER, null);
      this.spare.push(next.buffer);
      const [r = 0, g = 0, b = 0, a = 0] = this.rgba;
      next.onPixel([r, g, b, a], Date.now());
    }
  }
}
