import { describe, expect, it } from 'vitest';
import { PERIODS, RATE_BENCHMARKS, rateBars, rateScaleMax, TEN_MINUTES_MS } from './rate-series';

const FROM = Date.UTC(2026, 11, 4, 8);

describe('alarm rate per 10 minutes', () => {
  it('draws one bar per 10-minute window over 24 h, starting at the period', () => {
    const bars = rateBars([2, 1, 0, 1], FROM, PERIODS['24h'].windowsPerBar);
    expect(bars.map((bar) => bar.peak)).toEqual([2, 1, 0, 1]);
    expect(bars[2]?.start).toBe(FROM + 2 * TEN_MINUTES_MS);
  });

  it('shows the busiest window of each bar, so a flood stays visible over 7 days', () => {
    // Two hours: one alarm in the first, then a flood of 12 in one window of the second.
    const windows = [0, 1, 0, 0, 0, 0, 0, 12, 0, 0, 0, 0];
    const bars = rateBars(windows, FROM, PERIODS['7d'].windowsPerBar);
    expect(bars).toEqual([
      { start: FROM, peak: 1, total: 1 },
      { start: FROM + 6 * TEN_MINUTES_MS, peak: 12, total: 12 },
    ]);
    expect(bars[1]?.peak).toBeGreaterThan(RATE_BENCHMARKS.flood);
  });

  it('keeps a short last bar where the period does not fill it', () => {
    const bars = rateBars([1, 0, 3, 0, 0, 0, 4], FROM, 6);
    expect(bars.map((bar) => [bar.peak, bar.total])).toEqual([
      [3, 4],
      [4, 4],
    ]);
  });

  it('keeps the flood line on the scale even in a quiet period', () => {
    expect(rateScaleMax([])).toBe(12);
    expect(rateScaleMax([{ start: FROM, peak: 40, total: 40 }])).toBe(44);
  });
});
