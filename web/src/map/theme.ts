import { GREYS, PRIORITY_COLOURS, QUALITY_COLOURS, rgbOf } from '../ui/tokens';

/** An RGB colour as deck.gl takes it. */
export type Rgb = readonly [number, number, number];
/** With alpha, 0–255. */
export type Rgba = readonly [number, number, number, number];

const grey = (hex: string): Rgb => rgbOf(hex);

/**
 * The map's palette, every colour taken from the design tokens (src/ui/tokens.ts). ISA-101: the base
 * map and every normal value are greys that recede; an abnormal process value is told by brightness,
 * size and a glyph (never a priority hue); only an alarm brings colour, its priority's own.
 */
export const MAP_COLOURS = {
  water: GREYS.bg,
  land: grey(GREYS.surface),
  areaLine: grey(GREYS.surfaceRaised),
  districtLine: grey(GREYS.border),
  neighbourLine: grey(GREYS.surfaceRaised),
  districtName: grey(GREYS.textDim),
  neighbourName: grey(GREYS.border),
  labelBackground: grey(GREYS.bg),
  /** A value's chip text; abnormal values get `abnormal`. */
  labelText: grey(GREYS.textMuted),
  assetName: grey(GREYS.textDim),
  outline: grey(GREYS.bg),
  /** Normal, low end of a scale (free flow, good air, a dimmed lamp). */
  normalLow: grey(GREYS.border),
  normal: grey(GREYS.textDim),
  /** Normal, high end (busy road, moderate air, a lamp at full power). */
  normalHigh: grey(GREYS.textMuted),
  /** Abnormal but not an alarm: the brightest grey, drawn bigger and with a glyph. */
  abnormal: grey(GREYS.text),
  uncertain: grey(QUALITY_COLOURS.uncertain),
  bad: grey(QUALITY_COLOURS.bad),
  stale: grey(QUALITY_COLOURS.stale),
  highlight: grey(GREYS.focus),
};

export const PRIORITY_RGB: Record<1 | 2 | 3 | 4, Rgb> = {
  1: grey(PRIORITY_COLOURS[1]),
  2: grey(PRIORITY_COLOURS[2]),
  3: grey(PRIORITY_COLOURS[3]),
  4: grey(PRIORITY_COLOURS[4]),
};

export const withAlpha = ([r, g, b]: Rgb, alpha: number): Rgba => [r, g, b, alpha];

export const toCss = ([r, g, b]: Rgb): string => `rgb(${r} ${g} ${b})`;

export const MAP_FONT = 'Inter, "Segoe UI", Roboto, "Helvetica Neue", "Liberation Sans", Arial, sans-serif';

/** Every glyph a map label may use; a fixed set keeps the font atlas from being rebuilt on each frame. */
export const MAP_CHARACTERS = [
  ...Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)),
  ...'—–…·×°µ²³₂₃₅ÄËÏÖÜäëïöüÉéèêàáçñ⧗\u00a0\u202f',
];

/** The largest text the map draws, in CSS pixels: a label's value (LABEL_STYLE.valueSize). */
export const LARGEST_MAP_TEXT_PX = 20;

/**
 * The font atlas of a map text layer: its glyphs drawn at 1.6× the largest map text in device pixels,
 * between 32 and deck.gl's default 64. At 64 on a plain desktop screen an atlas holds four times the
 * pixels it needs, and drawing, uploading and mipmapping the atlases cost ~150 ms of a software
 * renderer's first view; a tablet's dense screen still gets 64. `sdf` for text with an outline.
 */
export function mapFontSettings(sdf = false) {
  const fontSize = Math.min(64, Math.max(32, Math.ceil(LARGEST_MAP_TEXT_PX * 1.6 * devicePixelRatio)));
  return { fontSize, sdf };
}
