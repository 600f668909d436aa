import { describe, expect, it } from 'vitest';
import { PRESET_MS, presetRange, tickStyle } from './history-range';

describe('the chart ranges', () => {
  it('end now, rounded up to the refresh step, and span the preset', () => {
    const now = Date.UTC(2026, 11, 5, 9, 0, 12);
    const range = presetRange('24h', now, 30_000);
    expect(range.to).toBe(Date.UTC(2026, 11, 5, 9, 0, 30));
    expect(range.to - range.from).toBe(PRESET_MS['24h']);
    expect(presetRange('24h', now + 5_000, 30_000)).toEqual(range);
  });

  it('label ticks by clock time over a day, by day over a month', () => {
    expect(tickStyle(5 * 60_000)).toBe('seconds');
    expect(tickStyle(PRESET_MS['1h'])).toBe('time');
    expect(tickStyle(PRESET_MS['24h'])).toBe('time');
    expect(tickStyle(PRESET_MS['7d'])).toBe('day-time');
    expect(tickStyle(PRESET_MS['30d'])).toBe('day');
  });
});
