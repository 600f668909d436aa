/** A renderer that draws on the CPU: Mesa's llvmpipe and softpipe, or Chromium's SwiftShader. */
const SOFTWARE_RENDERER = /llvmpipe|softpipe|swiftshader|software rasterizer/i;

export const isSoftwareRenderer = (renderer: string) => SOFTWARE_RENDERER.test(renderer);

let software: boolean | undefined;

/** The renderer the last map reported (`rememberRenderer`), kept by the browser between page loads. */
const RENDERER_KEY = 'city.map.renderer';

function rememberedRenderer(): string | null {
  try {
    return localStorage.getItem(RENDERER_KEY);
  } catch {
    return null; // storage refused (a locked-down browser): ask the throw-away context
  }
}

/**
 * Keeps the renderer a map's device reports, so the next page load decides without a throw-away
 * context (45–100 ms of a software renderer's first view), and a new graphics card counts from the
 * load after it is fitted.
 */
export function rememberRenderer(renderer: string): void {
  try {
    localStorage.setItem(RENDERER_KEY, renderer);
  } catch {
    // not kept: the next load asks a throw-away context again
  }
}

/**
 * Whether this tab's WebGL draws on the CPU: as the last map reported, else asked once of a
 * throw-away context. Control-room PCs are often virtual desktops without a GPU.
 */
function softwareRendering(): boolean {
  if (software !== undefined) return software;
  const remembered = rememberedRenderer();
  if (remembered) {
    software = isSoftwareRenderer(remembered);
    return software;
  }
  const gl = document.createElement('canvas').getContext('webgl2');
  const info = gl?.getExtension('WEBGL_debug_renderer_info');
  software = !!gl && !!info && isSoftwareRenderer(String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)));
  gl?.getExtension('WEBGL_lose_context')?.loseContext();
  return software;
}

/**
 * Gives a map canvas the size in device pixels of the box it fills (`box`), before luma.gl makes its
 * WebGL context there, which it does after an await. Made at the canvas's default 300 × 150 instead,
 * the context's drawing buffer is reallocated on the first frame, and that waits on the GPU process:
 * 60–150 ms per canvas on a software renderer, in the middle of the first view. The box is measured,
 * not the canvas: deck.gl styles its canvas to fill the box only as it makes the context. Only for a
 * canvas without a context yet.
 */
export function presizeCanvas(canvas: HTMLCanvasElement | null | undefined, box: HTMLElement): void {
  if (!canvas) return;
  // The span between the edges snapped to device pixels, as the browser measures the device-pixel box
  // luma.gl sizes the drawing buffer by; a box of fractional size or place can be a pixel off otherwise.
  const { left, right, top, bottom } = box.getBoundingClientRect();
  const snapped = (from: number, to: number) =>
    Math.round(to * devicePixelRatio) - Math.round(from * devicePixelRatio);
  canvas.width = Math.max(1, snapped(left, right));
  canvas.height = Math.max(1, snapped(top, bottom));
}

/**
 * The WebGL context of a map canvas. Neither keeps its drawing buffer: the compositor shows the last
 * frame, so keeping a copy only costs a full-screen copy per frame. A canvas that redraws with live
 * values (`live`) drops multisampling on a software renderer, where it costs a quarter of every frame;
 * its marks and text smooth their own edges, and the thin base-map lines keep theirs in the base map's
 * canvas, which redraws only when the camera moves.
 */
export function mapDeviceProps(live: boolean) {
  const antialias = !(live && softwareRendering());
  return { type: 'webgl' as const, webgl: { preserveDrawingBuffer: false, antialias } };
}
