import type { Rgb } from '../../theme';

/**
 * A lit street's grey from its dim level: the darker normal grey at 0 %, the lighter at 100 %. Dimming
 * is normal operation, so it never leaves the greys; a failed lamp is what stands out.
 */
export function dimGrey(dimLevel: number, dark: Rgb, light: Rgb): Rgb {
  const share = Math.min(1, Math.max(0, dimLevel / 100));
  const mix = (a: number, b: number) => Math.round(a + (b - a) * share);
  return [mix(dark[0], light[0]), mix(dark[1], light[1]), mix(dark[2], light[2])];
}
