import { describe, expect, it } from 'vitest';
import { bandOf } from './colour-bands';
import { NO2_BANDS } from './layers/air/no2-bands';
import { freeFlowKmhOf, SPEED_RATIO_BANDS } from './layers/traffic/speed-bands';

describe('map colour bands', () => {
  it.each([
    [12, 'Good'],
    [29.9, 'Good'],
    [30, 'Moderate'],
    [80, 'Insufficient'],
    [150, 'Poor'],
    [260, 'Very poor'],
  ])('shows NO₂ %s µg/m³ as %s, as Luchtmeetnet does', (value, label) => {
    expect(bandOf(NO2_BANDS, value).label).toBe(label);
  });

  it('shows 25 km/h on a 100 km/h ring road as slow but on a 30 km/h street as free flow', () => {
    expect(bandOf(SPEED_RATIO_BANDS, 25 / freeFlowKmhOf({ freeFlowKmh: 100 })).label).toBe('Slow');
    expect(bandOf(SPEED_RATIO_BANDS, 25 / freeFlowKmhOf({ speedLimitKmh: 30 })).label).toBe('Free flow');
  });

  it('falls back to 100 km/h when an asset does not say its free-flow speed', () => {
    expect(freeFlowKmhOf({ freeFlowKmh: 'fast' })).toBe(100);
  });
});
