import type { Band } from '../../colour-bands';

/**
 * Hourly NO₂ in µg/m³, in the five classes of the Dutch air quality index (LKI) as Luchtmeetnet shows
 * them: good 0–30, moderate 30–75, insufficient 75–125, poor 125–200, very poor above 200. Good and
 * moderate are normal city air, so they stay grey; from insufficient on the station is abnormal.
 */
export const NO2_BANDS: readonly Band[] = [
  { below: 30, key: 'good', emphasis: 'low' },
  { below: 75, key: 'moderate', emphasis: 'normal' },
  { below: 125, key: 'insufficient', emphasis: 'abnormal' },
  { below: 200, key: 'poor', emphasis: 'abnormal' },
  { below: Number.POSITIVE_INFINITY, key: 'veryPoor', emphasis: 'abnormal' },
];

/** The channel metric that marks an air quality station on the map. */
export const AIR_COLOUR_METRIC = 'no2';
