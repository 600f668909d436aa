import type { Rgb } from './colour-bands';

/** The dark wall-screen palette shared by the map layers; CSS mirrors it in app/globals.css. */
export const MAP_COLOURS = {
  water: '#0d2747',
  land: [33, 39, 50] as Rgb,
  areaLine: [44, 54, 70] as Rgb,
  districtLine: [78, 96, 122] as Rgb,
  neighbourLine: [52, 62, 78] as Rgb,
  districtName: [120, 138, 163] as Rgb,
  neighbourName: [78, 90, 108] as Rgb,
  labelBackground: [10, 14, 21] as Rgb,
  labelText: [240, 244, 250] as Rgb,
  assetName: [160, 172, 190] as Rgb,
  outline: [8, 11, 17] as Rgb,
  uncertain: [255, 176, 32] as Rgb,
  bad: [255, 59, 59] as Rgb,
};

export const MAP_FONT = 'Inter, "Segoe UI", Roboto, "Helvetica Neue", "Liberation Sans", Arial, sans-serif';

/** Every glyph a map label may use; a fixed set keeps the font atlas from being rebuilt on each frame. */
export const MAP_CHARACTERS = [
  ...Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)),
  ...'—–…·°µ²³₂₃₅ÄËÏÖÜäëïöüÉéèêàáçñ',
];
