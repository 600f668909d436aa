import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { every } from './schedule';

const fail = (error: unknown) => {
  throw error;
};

// Fake timers make the clock exact, so these check the schedule's arithmetic, not this machine's load.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
});
afterEach(() => {
  vi.useRealTimers();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('poll schedule', () => {
  it('starts cycle n at n × interval even though each cycle takes time (no drift)', async () => {
    const t0 = performance.now();
    const starts: number[] = [];
    const schedule = every(
      50,
      async () => {
        starts.push(performance.now() - t0);
        await sleep(20);
      },
      fail,
    );
    await vi.advanceTimersByTimeAsync(480);
    await schedule.stop();
    // A loop that sleeps the interval after each cycle would start at 0, 70, 140, …
    expect(starts).toEqual([0, 50, 100, 150, 200, 250, 300, 350, 400, 450]);
  });

  it('skips the cycles a slow task overran instead of bursting to catch up', async () => {
    const t0 = performance.now();
    const starts: number[] = [];
    let first = true;
    const schedule = every(
      40,
      async () => {
        starts.push(performance.now() - t0);
        if (first) {
          first = false;
          await sleep(150);
        }
      },
      fail,
    );
    await vi.advanceTimersByTimeAsync(300);
    await schedule.stop();
    expect(starts).toEqual([0, 160, 200, 240, 280]);
  });

  it('reports a failing cycle and keeps to the schedule', async () => {
    let cycles = 0;
    const errors: unknown[] = [];
    const schedule = every(
      30,
      async () => {
        cycles += 1;
        throw new Error('device adapter bug');
      },
      (error) => errors.push(error),
    );
    await vi.advanceTimersByTimeAsync(100);
    await schedule.stop();
    expect(cycles).toBe(4);
    expect(errors).toHaveLength(4);
  });
});
