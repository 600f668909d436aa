/** The ranges an operator picks with one press; any other is dragged on the chart. */
export const PRESETS = ['1h', '24h', '7d', '30d'] as const;
export type Preset = (typeof PRESETS)[number];

const HOUR = 3_600_000;
export const PRESET_MS: Record<Preset, number> = {
  '1h': HOUR,
  '24h': 24 * HOUR,
  '7d': 7 * 24 * HOUR,
  '30d': 30 * 24 * HOUR,
};

/**
 * Points asked of the history API. Two per pixel of a desk chart: a day comes back in 30-second
 * buckets, so a device silent for a minute shows as a gap even on the 24 h view, and uPlot draws a
 * few thousand points without effort.
 */
export const HISTORY_POINTS = 3_000;

/** A preset range ends now; rounded to the refresh step, so one refresh is one query key. */
export function presetRange(preset: Preset, now: number, stepMs: number): { from: number; to: number } {
  const to = Math.ceil(now / stepMs) * stepMs;
  return { from: to - PRESET_MS[preset], to };
}

/**
 * Axis ticks: seconds on a range dragged down to minutes, clock times within two days, dates (with
 * times where a tick falls inside a day) beyond.
 */
export function tickStyle(spanMs: number): 'seconds' | 'time' | 'day-time' | 'day' {
  if (spanMs <= HOUR / 4) return 'seconds';
  if (spanMs <= 2 * 24 * HOUR) return 'time';
  if (spanMs <= 8 * 24 * HOUR) return 'day-time';
  return 'day';
}
