import { describe, expect, it } from 'vitest';
import { every } from './schedule';

describe('poll schedule', () => {
  it('keeps cycles on the interval grid even when each cycle takes time', async () => {
    const starts: number[] = [];
    const t0 = performance.now();
    const schedule = every(50, async () => {
      starts.push(performance.now() - t0);
      await new Promise((resolve) => setTimeout(resolve, 20));
    });
    await new Promise((resolve) => setTimeout(resolve, 530));
    await schedule.stop();
    // Ten cycles in ~500 ms: a drifting loop (interval + work) would manage only about seven.
    expect(starts.length).toBeGreaterThanOrEqual(10);
    const last = starts.at(-1) ?? 0;
    expect(Math.abs(last - (starts.length - 1) * 50)).toBeLessThan(25);
  });

  it('skips the cycles a slow task overran instead of bursting to catch up', async () => {
    const starts: number[] = [];
    const t0 = performance.now();
    let first = true;
    const schedule = every(40, async () => {
      starts.push(performance.now() - t0);
      if (first) {
        first = false;
        await new Promise((resolve) => setTimeout(resolve, 150));
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await schedule.stop();
    const gaps = starts.slice(1).map((t, i) => t - (starts[i] ?? 0));
    expect(gaps.every((gap) => gap >= 20)).toBe(true);
  });
});
