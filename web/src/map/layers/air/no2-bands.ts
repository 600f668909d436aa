import type { ColourBand } from '../../colour-bands';

/**
 * Hourly NO₂ in µg/m³, in the five classes of the Dutch air quality index (LKI) as Luchtmeetnet shows
 * them: good 0–30 (index 1–3), moderate 30–75 (4–6), insufficient 75–125 (7–8), poor 125–200 (9–10),
 * very poor above 200 (11). Colours follow Luchtmeetnet's blue / yellow / orange / red / purple,
 * brightened for a dark screen.
 */
export const NO2_BANDS: readonly ColourBand[] = [
  { below: 30, label: 'Good', colour: [70, 150, 255] },
  { below: 75, label: 'Moderate', colour: [255, 214, 0] },
  { below: 125, label: 'Insufficient', colour: [255, 140, 0] },
  { below: 200, label: 'Poor', colour: [240, 40, 40] },
  { below: Number.POSITIVE_INFINITY, label: 'Very poor', colour: [190, 70, 230] },
];

/** The channel metric that colours an air quality station on the map. */
export const AIR_COLOUR_METRIC = 'no2';
