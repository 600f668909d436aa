import { MAP_FONT } from '../theme';

export type MeasureText = (text: string, size: number, weight: number) => number;

let context: CanvasRenderingContext2D | null = null;
const cache = new Map<string, number>();

/**
 * A label's width in pixels as the browser draws it in the map's font, cached per text. deck.gl's
 * TextLayer lays glyphs out with the same font's advances, so the placement's boxes match the drawing.
 */
export const measureText: MeasureText = (text, size, weight) => {
  const key = `${weight}|${size}|${text}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  context ??= document.createElement('canvas').getContext('2d');
  if (!context) return text.length * size * 0.62;
  context.font = `${weight} ${size}px ${MAP_FONT}`;
  const width = context.measureText(text).width;
  if (cache.size > 50_000) cache.clear();
  cache.set(key, width);
  return width;
};
