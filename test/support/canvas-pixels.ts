import { PNG } from 'pngjs';

export interface PixelStats {
  width: number;
  height: number;
  distinctColours: number;
  /** Share of pixels that have the single most common colour (1 = a blank, one-colour image). */
  dominantShare: number;
}

/** Reads a PNG screenshot's pixels: a blank or failed WebGL canvas is one flat colour. */
export function pixelStats(png: Buffer): PixelStats {
  const image = PNG.sync.read(png);
  const counts = new Map<number, number>();
  for (let i = 0; i < image.data.length; i += 4) {
    const key = ((image.data[i] ?? 0) << 16) | ((image.data[i + 1] ?? 0) << 8) | (image.data[i + 2] ?? 0);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const total = image.width * image.height;
  return {
    width: image.width,
    height: image.height,
    distinctColours: counts.size,
    dominantShare: Math.max(...counts.values()) / total,
  };
}
