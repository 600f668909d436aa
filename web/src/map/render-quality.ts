/** A renderer that draws on the CPU: Mesa's llvmpipe and softpipe, or Chromium's SwiftShader. */
const SOFTWARE_RENDERER = /llvmpipe|softpipe|swiftshader|software rasterizer/i;

export const isSoftwareRenderer = (renderer: string) => SOFTWARE_RENDERER.test(renderer);

let software: boolean | undefined;

/**
 * Whether this tab's WebGL draws on the CPU, asked once of a throw-away context. Control-room PCs
 * are often virtual desktops without a GPU.
 */
function softwareRendering(): boolean {
  if (software !== undefined) return software;
  const gl = document.createElement('canvas').getContext('webgl2');
  const info = gl?.getExtension('WEBGL_debug_renderer_info');
  software = !!gl && !!info && isSoftwareRenderer(String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)));
  gl?.getExtension('WEBGL_lose_context')?.loseContext();
  return software;
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
