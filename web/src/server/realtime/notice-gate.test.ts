import type { Database, NoticeSenders, SenderScope } from '@city/db';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { NoticeGate } from './notice-gate';

const logger = pino({ level: 'silent' });
const notice = (...ids: string[]) =>
  JSON.stringify({ v: 1, latest: ids.map((id) => [id, 1, 0, 1_000, 1_000]) });
const west: SenderScope = { role: 'gw_west', gatewayId: 'gw-west', channels: new Set(['ps-west/level']) };

/** Senders as the database would answer them, each look-up held until the test lets it go. */
function senders(known: Map<number, SenderScope>) {
  const cache = new Map<number, SenderScope>();
  const pending: (() => void)[] = [];
  const fake = {
    cached: (pid: number) => cache.get(pid),
    lookUp: (pid: number) =>
      new Promise<SenderScope | undefined>((resolve) =>
        pending.push(() => {
          const scope = known.get(pid);
          if (scope) cache.set(pid, scope);
          resolve(scope);
        }),
      ),
  };
  const answer = async () => {
    pending.shift()?.();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { fake: fake as unknown as NoticeSenders, answer };
}

describe('the notice gate in front of the hub', () => {
  it('keeps commit order while a new sender is looked up, then passes its notices without a look-up', async () => {
    const { fake, answer } = senders(new Map([[11, west]]));
    const delivered: string[] = [];
    const gate = new NoticeGate({
      db: {} as Database,
      logger,
      senders: fake,
      deliver: (payload, sender) => delivered.push(`${sender?.role}:${JSON.parse(payload).latest[0][0]}`),
    });
    gate.receive(notice('ps-west/level'), 11);
    gate.receive(notice('embedded/level'), undefined);
    gate.receive(notice('ps-west/second'), 11);
    expect(delivered).toEqual(['undefined:embedded/level']);
    await answer();
    expect(delivered).toEqual([
      'undefined:embedded/level',
      'gw_west:ps-west/level',
      'gw_west:ps-west/second',
    ]);
    gate.receive(notice('ps-west/third'), 11);
    expect(delivered.at(-1)).toBe('gw_west:ps-west/third');
  });

  it('believes a sender that is already gone only as far as readings holds its values', async () => {
    const { fake, answer } = senders(new Map());
    // readings holds the first value as announced, not the second (a forgery from a session that quit).
    const db = { query: async () => ({ rows: [{ n: 1 }], rowCount: 1 }) } as unknown as Database;
    const delivered: { payload: string; sender: SenderScope | undefined }[] = [];
    const gate = new NoticeGate({
      db,
      logger,
      senders: fake,
      deliver: (payload, sender) => delivered.push({ payload, sender }),
    });
    gate.receive(notice('ps-west/level', 'ps-north/level'), 12);
    await answer();
    await expect.poll(() => delivered.length).toBe(1);
    const scope = delivered[0]?.sender;
    expect(scope?.role).toBe('(ended session 12)');
    expect([...(scope?.channels ?? [])]).toEqual(['ps-west/level']);
  });
});
