import { createUser, type Database, type UserRecord } from '@city/db';
import { createTestDatabase, type TestDatabase } from '@city/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SESSION_POLICY } from './access-options';
import { SessionService } from './sessions';

const origin = { address: '127.0.0.1', userAgent: 'vitest' };
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The database with every query counted, to tell a check answered from memory from one that asked. */
function counting(db: Database): { db: Database; queries: () => number } {
  let queries = 0;
  const counted = new Proxy(db, {
    get(target, property) {
      const value = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      if (property !== 'query') return value.bind(target);
      return (...args: unknown[]) => {
        queries += 1;
        return value.apply(target, args);
      };
    },
  });
  return { db: counted, queries: () => queries };
}

describe('session checks on PostgreSQL', () => {
  let target: TestDatabase;
  let user: UserRecord;
  const services: SessionService[] = [];
  const service = (db: Database, now?: () => number) => {
    const created = new SessionService(db, DEFAULT_SESSION_POLICY, now);
    services.push(created);
    return created;
  };
  beforeAll(async () => {
    target = await createTestDatabase('postgres');
    user = await createUser(target.db, { name: 'anna', role: 'operator', passwordHash: null });
  }, 60_000);
  afterAll(async () => {
    for (const each of services) await each.close();
    await target?.drop();
  });

  /** How many queries one check made: 0 when it was answered from memory. */
  async function queriesOf(check: () => Promise<unknown>, queries: () => number): Promise<number> {
    const before = queries();
    await check();
    return queries() - before;
  }

  it('answers from memory a session that is used only every few seconds, from its first page on', async () => {
    const { db, queries } = counting(target.db);
    const sessions = service(db);
    const { token } = await sessions.start(user, origin);
    expect(await queriesOf(() => sessions.check(token), queries)).toBe(0);
    // Longer than a cached answer is believed: the background refresh kept it.
    await wait(3_000);
    expect(await queriesOf(() => sessions.check(token), queries)).toBe(0);
    expect((await sessions.check(token)).ok).toBe(true);
  });

  it('sees a sign-out on another instance within 2 s', async () => {
    const here = service(target.db);
    const elsewhere = service(target.db);
    const { token, principal } = await elsewhere.start(user, origin);
    expect((await here.check(token)).ok).toBe(true);
    await elsewhere.end(principal, 'logout');
    const ended = Date.now();
    await expect.poll(async () => (await here.check(token)).ok, { timeout: 2_000, interval: 50 }).toBe(false);
    expect(Date.now() - ended).toBeLessThan(2_000);
    expect(await here.check(token)).toEqual({ ok: false, reason: 'revoked' });
  });

  it('lets go of a session unused for ten minutes: its next check asks the database', async () => {
    const { db, queries } = counting(target.db);
    let now = Date.now();
    const sessions = service(db, () => now);
    const { token } = await sessions.start(user, origin);
    now += 11 * 60_000;
    await wait(1_500);
    expect(await queriesOf(() => sessions.check(token), queries)).toBe(1);
    expect((await sessions.check(token)).ok).toBe(true);
  });
});
