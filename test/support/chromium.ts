import { existsSync } from 'node:fs';

/**
 * Debian's Chromium, driven by Playwright (`npx playwright install` cannot download here).
 * gl-egl + ignore-gpu-blocklist give WebGL2 on Mesa llvmpipe, about 5× faster than SwiftShader;
 * never add --disable-gpu, which silently falls back to SwiftShader.
 */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-quic',
  '--disable-sync',
  '--use-angle=gl-egl',
  '--ignore-gpu-blocklist',
];

export function assertChromium(): void {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `Chromium not found at ${chromiumPath}. Install it with "apt-get install -y chromium libgl1-mesa-dri libegl-mesa0", or set CHROMIUM_PATH.`,
    );
  }
}
