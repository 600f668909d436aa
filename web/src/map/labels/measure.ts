import { MAP_FONT } from '../theme';

export type MeasureText = (text: string, size: number, weight: number) => number;

let context: CanvasRenderingContext2D | null = null;
/** Each character's advance, per `${weight}|${size}` font. */
const fonts = new Map<string, Map<string, number>>();

function advancesOf(size: number, weight: number): Map<string, number> {
  const key = `${weight}|${size}`;
  let advances = fonts.get(key);
  if (!advances) {
    advances = new Map();
    fonts.set(key, advances);
  }
  return advances;
}

/**
 * A label's width in pixels in the map's font, as the sum of its characters' advances. deck.gl's
 * TextLayer lays a label out the same way (each glyph's advance from its font atlas, no kerning), so the
 * placement's boxes match the drawing; and a city of 10,000 labels measures a few dozen characters
 * instead of 10,000 texts, which kept the first view busy for a quarter of a second.
 */
export const measureText: MeasureText = (text, size, weight) => {
  const advances = advancesOf(size, weight);
  let width = 0;
  for (const char of text) {
    let advance = advances.get(char);
    if (advance === undefined) {
      context ??= document.createElement('canvas').getContext('2d');
      if (!context) return text.length * size * 0.62;
      context.font = `${weight} ${size}px ${MAP_FONT}`;
      advance = context.measureText(char).width;
      advances.set(char, advance);
    }
    width += advance;
  }
  return width;
};
