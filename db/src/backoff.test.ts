import { describe, expect, it } from 'vitest';
import { Backoff, backoffDelay } from './backoff';

const lowest = () => 0;
const highest = () => 0.999_999;

describe('the one backoff', () => {
  it('doubles from the first delay up to the cap, and never waits longer than either', () => {
    const policy = { initialMs: 500, maxMs: 15_000, jitter: 0 };
    const delays = [1, 2, 3, 4, 5, 6, 7, 100].map((attempt) => backoffDelay(policy, attempt));
    expect(delays).toEqual([500, 1_000, 2_000, 4_000, 8_000, 15_000, 15_000, 15_000]);
    // Thousands of failures in (a gateway offline for days) still give the cap, not Infinity or NaN.
    expect(backoffDelay(policy, 1_000_000)).toBe(15_000);
  });

  it('takes the jitter off the delay: a fifth by default, so 400-500 ms after a first failure of 500 ms', () => {
    const policy = { initialMs: 500, maxMs: 15_000 };
    expect(backoffDelay(policy, 1, lowest)).toBe(500);
    expect(backoffDelay(policy, 1, highest)).toBe(400);
    expect(backoffDelay(policy, 9, highest)).toBe(12_000);
    for (let i = 0; i < 1_000; i++) {
      const delay = backoffDelay(policy, 3);
      expect(delay).toBeGreaterThanOrEqual(1_600);
      expect(delay).toBeLessThanOrEqual(2_000);
    }
  });

  it('spreads clients that failed together: a hundred of them do not retry in the same millisecond', () => {
    const delays = new Set(
      Array.from({ length: 100 }, () => backoffDelay({ initialMs: 1_000, maxMs: 30_000 }, 4)),
    );
    expect(delays.size).toBeGreaterThan(50);
  });

  it('counts failures until a success resets it, and grows by its own factor', () => {
    const backoff = new Backoff({ initialMs: 100, maxMs: 1_000, factor: 3, jitter: 0 });
    expect([backoff.next(), backoff.next(), backoff.next(), backoff.next()]).toEqual([100, 300, 900, 1_000]);
    expect(backoff.failures).toBe(4);
    backoff.reset();
    expect(backoff.failures).toBe(0);
    expect(backoff.next()).toBe(100);
  });
});
