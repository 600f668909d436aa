import { describe, expect, it } from 'vitest';
import { StaleWatch } from './stale-watch';

describe('stale detection', () => {
  it('reports a channel once when it goes unrefreshed past its limit, and again only after a refresh', () => {
    let now = 0;
    const watch = new StaleWatch(['a', 'b'], 3_000, () => now);
    now = 2_000;
    watch.refreshed([{ channelId: 'a' }]);
    now = 3_500;
    expect(watch.newlyStale()).toEqual(['b']);
    now = 4_000;
    expect(watch.newlyStale()).toEqual([]);
    now = 5_500;
    expect(watch.newlyStale()).toEqual(['a']);
    watch.refreshed([{ channelId: 'a' }, { channelId: 'b' }]);
    now = 8_000;
    expect(watch.newlyStale()).toEqual([]);
    now = 9_000;
    expect(watch.newlyStale().sort()).toEqual(['a', 'b']);
  });
});
