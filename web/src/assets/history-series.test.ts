import { describe, expect, it } from 'vitest';
import { countGaps, toChartSeries, valueRange } from './history-series';

const MINUTE = 60_000;
const bucket = (minute: number, avg: number | null) => ({
  time: minute * MINUTE,
  min: avg === null ? null : avg - 1,
  avg,
  max: avg === null ? null : avg + 1,
});

describe('history as chart columns', () => {
  it('keeps an unbroken hour of buckets as it is, in seconds', () => {
    const series = toChartSeries({ bucketMs: MINUTE, points: [bucket(0, 1), bucket(1, 2), bucket(2, 3)] });
    expect(series.x).toEqual([0, 60, 120]);
    expect(series.avg).toEqual([1, 2, 3]);
    expect(series.min).toEqual([0, 1, 2]);
    expect(series.gaps).toBe(0);
  });

  it('puts a null where buckets are missing, so a silent device is drawn as a gap', () => {
    const series = toChartSeries({ bucketMs: MINUTE, points: [bucket(0, 1), bucket(1, 2), bucket(5, 3)] });
    expect(series.x).toEqual([0, 60, 120, 300]);
    expect(series.avg).toEqual([1, 2, null, 3]);
    expect(series.max).toEqual([2, 3, null, 4]);
    expect(series.gaps).toBe(1);
  });

  it('keeps a bucket that came back without values (only bad readings) as a gap', () => {
    const series = toChartSeries({ bucketMs: MINUTE, points: [bucket(0, 1), bucket(1, null), bucket(2, 3)] });
    expect(series.avg).toEqual([1, null, 3]);
    expect(series.gaps).toBe(1);
  });

  it('does not call a slightly late bucket a gap', () => {
    const series = toChartSeries({
      bucketMs: MINUTE,
      points: [bucket(0, 1), { ...bucket(1, 2), time: 1.4 * MINUTE }],
    });
    expect(series.avg).toEqual([1, 2]);
  });

  it('zoomed in finer than the device is read, a poll a second late is no gap but a silence is', () => {
    const SECOND = 1_000;
    const at = (s: number) => ({ time: s * SECOND, min: 1, avg: 1, max: 1 });
    // Read every 2 s, bucketed per second; one read comes at 5 s instead of 4 s, then 30 s of silence.
    const points = [0, 2, 5, 6, 8, 10, 40, 42, 44].map(at);
    const series = toChartSeries({ bucketMs: SECOND, points });
    expect(series.gaps).toBe(1);
    expect(series.x).toEqual([0, 2, 5, 6, 8, 10, 11, 40, 42, 44]);
  });

  it('sorts buckets that arrive out of order', () => {
    const series = toChartSeries({ bucketMs: MINUTE, points: [bucket(1, 2), bucket(0, 1)] });
    expect(series.x).toEqual([0, 60]);
  });
});

describe('gaps', () => {
  it('counts only stretches with values on both sides', () => {
    expect(countGaps([null, null, 1, 2])).toBe(0);
    expect(countGaps([1, null, null, 2, null, 3, null])).toBe(2);
    expect(countGaps([])).toBe(0);
  });
});

describe('value range', () => {
  it('takes in the limits so every limit line is on the chart', () => {
    const [low, high] = valueRange({ min: [0.5, null], max: [1.5, null] }, [2.7]) ?? [0, 0];
    expect(low).toBeLessThan(0.5);
    expect(high).toBeGreaterThan(2.7);
  });

  it('has nothing to range without values or limits', () => {
    expect(valueRange({ min: [null], max: [null] }, [])).toBeNull();
  });

  it('opens a flat line up so it is not drawn on the edge', () => {
    const [low, high] = valueRange({ min: [5], max: [5] }, [], [0, 100]) ?? [0, 0];
    expect(low).toBe(0);
    expect(high).toBe(10);
  });

  it('keeps the air inside the display range: a lamp dimmed to 0 has no negative axis', () => {
    expect(valueRange({ min: [0], max: [0] }, [], [0, 100])).toEqual([0, 5]);
  });
});
