import { describe, expect, it } from 'vitest';
import { bandOf } from './colour-bands';
import { NO2_BANDS } from './layers/air/no2-bands';
import { freeFlowKmhOf, SPEED_RATIO_BANDS, widthOfFlow } from './layers/traffic/speed-bands';

describe('map bands: grey while normal, loud only when abnormal (ISA-101)', () => {
  it.each([
    [12, 'good', 'low'],
    [29.9, 'good', 'low'],
    [30, 'moderate', 'normal'],
    [80, 'insufficient', 'abnormal'],
    [150, 'poor', 'abnormal'],
    [260, 'veryPoor', 'abnormal'],
  ])('draws NO₂ %s µg/m³ as %s (%s), in Luchtmeetnet classes', (value, key, emphasis) => {
    expect(bandOf(NO2_BANDS, value)).toMatchObject({ key, emphasis });
  });

  it('shows 25 km/h on a 100 km/h ring road as slow (abnormal) but on a 30 km/h street as free flow', () => {
    expect(bandOf(SPEED_RATIO_BANDS, 25 / freeFlowKmhOf({ freeFlowKmh: 100 }))).toMatchObject({
      key: 'slow',
      emphasis: 'abnormal',
    });
    expect(bandOf(SPEED_RATIO_BANDS, 25 / freeFlowKmhOf({ speedLimitKmh: 30 }))).toMatchObject({
      key: 'freeFlow',
      emphasis: 'low',
    });
  });

  it('falls back to 100 km/h when an asset does not say its free-flow speed', () => {
    expect(freeFlowKmhOf({ freeFlowKmh: 'fast' })).toBe(100);
  });

  it('draws a road wider the more vehicles it carries, within 3–14 px', () => {
    expect(widthOfFlow(null)).toBe(3);
    expect(widthOfFlow(0)).toBe(3);
    expect(widthOfFlow(3000)).toBeCloseTo(8.5);
    expect(widthOfFlow(9000)).toBe(14);
  });
});
