import { type GlState, restoreState, saveState } from './gl-state';
import { FencePoller } from './gpu-fence';

type Rgba = [number, number, number, number];

const BITS = 32;

const VERTEX_SHADER = `#version 300 es
void main() {
  gl_Position = vec4(0.0, 0.0, 0.0, 1.0);
  gl_PointSize = 1.0;
}`;

/** Passes a fragment only where bit `bit` of the copied pixel's RGBA (R in the low byte) is set. */
const FRAGMENT_SHADER = `#version 300 es
precision highp float;
precision highp int;
uniform sampler2D pixel;
uniform int bit;
out vec4 colour;
void main() {
  uvec4 bytes = uvec4(round(texelFetch(pixel, ivec2(0, 0), 0) * 255.0));
  uint packed = bytes.r | (bytes.g << 8) | (bytes.b << 16) | (bytes.a << 24);
  if (((packed >> uint(bit)) & 1u) == 0u) discard;
  colour = vec4(1.0);
}`;

interface Resources {
  program: WebGLProgram;
  bitLocation: WebGLUniformLocation | null;
  pixelLocation: WebGLUniformLocation | null;
  texture: WebGLTexture;
  target: WebGLFramebuffer;
  vertexArray: WebGLVertexArrayObject;
}

function compile(gl: WebGL2RenderingContext, type: number, source: string): WebGLShader | null {
  const shader = gl.createShader(type);
  if (!shader) return null;
  gl.shaderSource(shader, source);
  gl.compileShader(shader);
  return shader;
}

/** The copy texture, a 1×1 draw target and the bit-test program; made once per context. */
function createResources(gl: WebGL2RenderingContext, saved: GlState): Resources | null {
  const program = gl.createProgram();
  const vertex = compile(gl, gl.VERTEX_SHADER, VERTEX_SHADER);
  const fragment = compile(gl, gl.FRAGMENT_SHADER, FRAGMENT_SHADER);
  const texture = gl.createTexture();
  const target = gl.createFramebuffer();
  const vertexArray = gl.createVertexArray();
  const colour = gl.createRenderbuffer();
  if (!program || !vertex || !fragment || !texture || !target || !vertexArray || !colour) return null;
  gl.attachShader(program, vertex);
  gl.attachShader(program, fragment);
  gl.linkProgram(program);
  gl.bindTexture(gl.TEXTURE_2D, texture);
  gl.texStorage2D(gl.TEXTURE_2D, 1, gl.RGBA8, 1, 1);
  gl.bindRenderbuffer(gl.RENDERBUFFER, colour);
  gl.renderbufferStorage(gl.RENDERBUFFER, gl.RGBA8, 1, 1);
  gl.bindFramebuffer(gl.DRAW_FRAMEBUFFER, target);
  gl.framebufferRenderbuffer(gl.DRAW_FRAMEBUFFER, gl.COLOR_ATTACHMENT0, gl.RENDERBUFFER, colour);
  gl.bindRenderbuffer(gl.RENDERBUFFER, saved.renderbuffer);
  return {
    program,
    bitLocation: gl.getUniformLocation(program, 'bit'),
    pixelLocation: gl.getUniformLocation(program, 'pixel'),
    texture,
    target,
    vertexArray,
  };
}

/**
 * Reads one pixel of the map's drawing buffer after a frame without the page ever waiting for the
 * GPU. The pixel is copied into a texture, and 32 one-fragment draws each test one bit of it inside
 * an occlusion query; the colour is put together from the query results once they are in.
 *
 * Why not read it back: a WebGL buffer read (readPixels, or getBufferSubData after a fence) is a
 * round trip to the GPU process, which under the 10,000-station feed is busy drawing. A trace showed
 * those reads holding the page's main thread 20 % of the time, and the telemetry the probe timed
 * waited behind them. Query results arrive on their own; reading them costs nothing.
 */
export class PixelReadback {
  private resources: Resources | null | undefined;
  private readonly pending: Array<{ queries: WebGLQuery[]; onPixel: (rgba: Rgba, at: number) => void }> = [];
  private readonly spare: WebGLQuery[][] = [];
  private readonly poller = new FencePoller(() => {
    this.collect();
    return this.pending.length > 0;
  });

  constructor(readonly gl: WebGL2RenderingContext) {}

  /**
   * Reads drawing-buffer pixel (x, y), counted from the bottom left, after what is drawn so far;
   * `onPixel` gets its colour, in frame order, with the epoch ms it was known.
   */
  read(x: number, y: number, onPixel: (rgba: Rgba, at: number) => void): void {
    const { gl } = this;
    const saved = saveState(gl);
    this.resources ??= createResources(gl, saved);
    const queries = this.queries();
    if (this.resources && queries) {
      this.testBits(this.resources, queries, x, y);
      this.pending.push({ queries, onPixel });
      this.poller.start();
    }
    restoreState(gl, saved);
  }

  private testBits(resources: Resources, queries: WebGLQuery[], x: number, y: number): void {
    const { gl } = this;
    gl.bindFramebuffer(gl.READ_FRAMEBUFFER, null);
    gl.bindTexture(gl.TEXTURE_2D, resources.texture);
    gl.copyTexSubImage2D(gl.TEXTURE_2D, 0, 0, 0, x, y, 1, 1);
    gl.bindFramebuffer(gl.DRAW_FRAMEBUFFER, resources.target);
    gl.viewport(0, 0, 1, 1);
    for (const cap of [gl.SCISSOR_TEST, gl.DEPTH_TEST, gl.STENCIL_TEST, gl.RASTERIZER_DISCARD])
      gl.disable(cap);
    // biome-ignore lint/correctness/useHookAtTopLevel: WebGL's useProgram, not a React hook
    gl.useProgram(resources.program);
    gl.uniform1i(resources.pixelLocation, gl.getParameter(gl.ACTIVE_TEXTURE) - gl.TEXTURE0);
    gl.bindVertexArray(resources.vertexArray);
    for (const [bit, query] of queries.entries()) {
      gl.uniform1i(resources.bitLocation, bit);
      gl.beginQuery(gl.ANY_SAMPLES_PASSED, query);
      gl.drawArrays(gl.POINTS, 0, 1);
      gl.endQuery(gl.ANY_SAMPLES_PASSED);
    }
    gl.flush();
  }

  private queries(): WebGLQuery[] | null {
    const reused = this.spare.pop();
    if (reused) return reused;
    const made = Array.from({ length: BITS }, () => this.gl.createQuery());
    return made.every((query) => query !== null) ? (made as WebGLQuery[]) : null;
  }

  private collect(): void {
    const { gl } = this;
    for (let next = this.pending[0]; next && this.answered(next.queries); next = this.pending[0]) {
      this.pending.shift();
      let packed = 0;
      for (const [bit, query] of next.queries.entries())
        if (gl.getQueryParameter(query, gl.QUERY_RESULT)) packed |= 1 << bit;
      this.spare.push(next.queries);
      next.onPixel(
        [packed & 255, (packed >>> 8) & 255, (packed >>> 16) & 255, (packed >>> 24) & 255],
        Date.now(),
      );
    }
  }

  private answered(queries: WebGLQuery[]): boolean {
    return queries.every((query) => this.gl.getQueryParameter(query, this.gl.QUERY_RESULT_AVAILABLE));
  }
}
