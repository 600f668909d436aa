import { describe, expect, it } from 'vitest';
import { RATE_BENCHMARKS, rateBars, rateScaleMax, TEN_MINUTES_MS } from './rate-series';

const FROM = Date.UTC(2026, 11, 4, 8);
const at = (minutes: number) => FROM + minutes * 60_000;

describe('alarm rate per 10 minutes', () => {
  it('counts activations into the 10-minute windows from the start of the period', () => {
    const bars = rateBars([at(0), at(9.9), at(10), at(35)], FROM, FROM + 4 * TEN_MINUTES_MS, 1);
    expect(bars.map((bar) => bar.peak)).toEqual([2, 1, 0, 1]);
    expect(bars[2]?.start).toBe(FROM + 2 * TEN_MINUTES_MS);
  });

  it('shows the busiest window of each bar, so a flood stays visible over 30 days', () => {
    const flood = Array.from({ length: 12 }, (_, i) => at(70 + i / 2));
    const bars = rateBars([at(5), ...flood], FROM, FROM + 12 * TEN_MINUTES_MS, 6);
    expect(bars).toEqual([
      { start: FROM, peak: 1, total: 1 },
      { start: FROM + 6 * TEN_MINUTES_MS, peak: 12, total: 12 },
    ]);
    expect(bars[1]?.peak).toBeGreaterThan(RATE_BENCHMARKS.flood);
  });

  it('leaves out activations outside the period', () => {
    const bars = rateBars([at(-1), at(20)], FROM, FROM + 2 * TEN_MINUTES_MS, 1);
    expect(bars.reduce((sum, bar) => sum + bar.total, 0)).toBe(0);
  });

  it('keeps the flood line on the scale even in a quiet period', () => {
    expect(rateScaleMax([])).toBe(12);
    expect(rateScaleMax([{ start: FROM, peak: 40, total: 40 }])).toBe(44);
  });
});
