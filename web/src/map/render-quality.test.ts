import { describe, expect, it } from 'vitest';
import { isSoftwareRenderer } from './render-quality';

describe('telling a software renderer from a GPU', () => {
  it('knows the CPU renderers by the names Chromium reports for them', () => {
    // This machine's Chromium with --use-angle=gl-egl, and Chromium's own fallback.
    expect(isSoftwareRenderer('ANGLE (Mesa, llvmpipe (LLVM 15.0.6, 256 bits), OpenGL 4.5)')).toBe(true);
    expect(
      isSoftwareRenderer(
        'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)',
      ),
    ).toBe(true);
  });

  it('leaves real GPUs their multisampling', () => {
    expect(isSoftwareRenderer('ANGLE (Intel, Mesa Intel(R) UHD Graphics 620 (KBL GT2), OpenGL 4.6)')).toBe(
      false,
    );
    expect(
      isSoftwareRenderer('ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 vs_5_0 ps_5_0, D3D11)'),
    ).toBe(false);
  });
});
