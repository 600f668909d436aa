import { describe, expect, it } from 'vitest';
import { LinkStore } from './link-store';

describe('LinkStore', () => {
  it('goes live on the first frame and tells its screens about later frames once per second', () => {
    const link = new LinkStore(0);
    let renders = 0;
    link.subscribe(() => {
      renders += 1;
    });
    link.received(10_000);
    expect(link.getState()).toEqual({ status: 'live', since: 10_000, lastUpdateAt: 10_000 });
    for (let at = 10_100; at < 11_000; at += 100) link.received(at);
    expect(renders).toBe(1);
    link.received(11_050);
    expect(link.getState()).toEqual({ status: 'live', since: 10_000, lastUpdateAt: 11_050 });
    expect(renders).toBe(2);
  });

  it('says lost at once, and live again on the next frame even within the same second', () => {
    const link = new LinkStore(0);
    link.received(5_000);
    link.lost(5_200);
    expect(link.getState().status).toBe('lost');
    link.received(5_400);
    expect(link.getState()).toEqual({ status: 'live', since: 5_400, lastUpdateAt: 5_400 });
  });
});
