import type { Emphasis } from './colour-bands';
import type { MapQuality } from './feature-quality';
import { MAP_COLOURS, type Rgb, type Rgba, withAlpha } from './theme';

/** The grey of each emphasis; abnormal is the brightest, and is drawn bigger besides. */
export const EMPHASIS_COLOURS: Record<Emphasis, Rgb> = {
  low: MAP_COLOURS.normal,
  normal: MAP_COLOURS.normalHigh,
  high: MAP_COLOURS.normalHigh,
  abnormal: MAP_COLOURS.abnormal,
};

/**
 * A mark's fill: its emphasis grey when the value is good; washed out when uncertain or stale (the
 * overlay adds "?" or a clock); nothing (a hollow mark) when bad or missing, since there is no value.
 */
export function fillOf(emphasis: Emphasis, quality: MapQuality): Rgba {
  const colour = EMPHASIS_COLOURS[emphasis];
  if (quality === 'good') return withAlpha(colour, 255);
  if (quality === 'uncertain' || quality === 'stale') return withAlpha(colour, 110);
  return withAlpha(colour, 0);
}

/** A mark's outline: dark casing when good; the quality's tint otherwise, so a hollow mark still shows. */
export function outlineOf(emphasis: Emphasis, quality: MapQuality): Rgba {
  switch (quality) {
    case 'good':
      return withAlpha(emphasis === 'abnormal' ? MAP_COLOURS.abnormal : MAP_COLOURS.outline, 255);
    case 'uncertain':
      return withAlpha(MAP_COLOURS.uncertain, 255);
    case 'stale':
      return withAlpha(MAP_COLOURS.stale, 255);
    case 'bad':
    case 'no-data':
      return withAlpha(MAP_COLOURS.bad, 255);
  }
}

/** The glyph the quality overlay puts beside a mark; none for a good value. */
export const QUALITY_GLYPHS: Record<MapQuality, string | null> = {
  good: null,
  uncertain: 'question',
  stale: 'clock',
  bad: 'cross',
  'no-data': 'cross',
};
