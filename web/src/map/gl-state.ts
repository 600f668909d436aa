/** The WebGL state a probe's own draw changes, to be put back before deck.gl draws again. */
export interface GlState {
  readFramebuffer: WebGLFramebuffer | null;
  drawFramebuffer: WebGLFramebuffer | null;
  renderbuffer: WebGLRenderbuffer | null;
  viewport: Int32Array;
  program: WebGLProgram | null;
  vertexArray: WebGLVertexArrayObject | null;
  texture: WebGLTexture | null;
  enabled: Map<number, boolean>;
}

const capsOf = (gl: WebGL2RenderingContext) => [
  gl.SCISSOR_TEST,
  gl.DEPTH_TEST,
  gl.STENCIL_TEST,
  gl.RASTERIZER_DISCARD,
];

export function saveState(gl: WebGL2RenderingContext): GlState {
  return {
    readFramebuffer: gl.getParameter(gl.READ_FRAMEBUFFER_BINDING),
    drawFramebuffer: gl.getParameter(gl.DRAW_FRAMEBUFFER_BINDING),
    renderbuffer: gl.getParameter(gl.RENDERBUFFER_BINDING),
    viewport: gl.getParameter(gl.VIEWPORT),
    program: gl.getParameter(gl.CURRENT_PROGRAM),
    vertexArray: gl.getParameter(gl.VERTEX_ARRAY_BINDING),
    texture: gl.getParameter(gl.TEXTURE_BINDING_2D),
    enabled: new Map(capsOf(gl).map((cap) => [cap, gl.isEnabled(cap)])),
  };
}

export function restoreState(gl: WebGL2RenderingContext, state: GlState): void {
  gl.bindFramebuffer(gl.READ_FRAMEBUFFER, state.readFramebuffer);
  gl.bindFramebuffer(gl.DRAW_FRAMEBUFFER, state.drawFramebuffer);
  gl.bindRenderbuffer(gl.RENDERBUFFER, state.renderbuffer);
  const [x = 0, y = 0, width = 0, height = 0] = state.viewport;
  gl.viewport(x, y, width, height);
  // biome-ignore lint/correctness/useHookAtTopLevel: WebGL's useProgram, not a React hook
  gl.useProgram(state.program);
  gl.bindVertexArray(state.vertexArray);
  gl.bindTexture(gl.TEXTURE_2D, state.texture);
  for (const [cap, on] of state.enabled) {
    if (on) gl.enable(cap);
    else gl.disable(cap);
  }
}
