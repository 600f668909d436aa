import { describe, expect, it } from 'vitest';
import { TokenBucket } from './watch-throttle';

describe('how often a screen may change what it watches', () => {
  it('allows a burst, then one change per interval, and says how long to wait', () => {
    let now = 1_000_000;
    const bucket = new TokenBucket({ burst: 5, refillMs: 2_000 }, () => now);
    const burst = Array.from({ length: 5 }, () => bucket.take().ok);
    expect(burst).toEqual([true, true, true, true, true]);
    expect(bucket.take()).toEqual({ ok: false, retryAfterMs: 2_000 });
    now += 1_500;
    expect(bucket.take()).toEqual({ ok: false, retryAfterMs: 500 });
    now += 500;
    expect(bucket.take().ok).toBe(true);
    expect(bucket.take().ok).toBe(false);
  });

  it('fills up to the burst and no further while the screen is quiet', () => {
    let now = 0;
    const bucket = new TokenBucket({ burst: 3, refillMs: 1_000 }, () => now);
    for (let i = 0; i < 3; i++) bucket.take();
    now += 60_000;
    expect(Array.from({ length: 4 }, () => bucket.take().ok)).toEqual([true, true, true, false]);
  });
});
