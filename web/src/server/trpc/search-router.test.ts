import { createTestDatabase, seedChannels, type TestDatabase } from '@city/db/testing';
import type { Role } from '@city/domain';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommandLimiter } from '../auth/command-limits';
import type { Principal } from '../auth/principal';
import { createCallerFactory } from './init';
import { appRouter } from './router';

const callerOf = createCallerFactory(appRouter);

function signedIn(role: Role): Principal {
  const now = Date.now();
  return {
    user: { name: role, displayName: role, role, kind: 'user' },
    userId: 1,
    idHash: Buffer.alloc(32, 7),
    sessionRef: 'test',
    authenticatedAt: now,
    expiresAt: now + 3_600_000,
    idleExpiresAt: now + 3_600_000,
  };
}

// The ranking, accents and wildcards are tested against both databases in db's search.test.ts; here
// what the header's search box meets through the API: who may search and what a call may ask.
describe('the search box in the console header', () => {
  let target: TestDatabase;
  const api = (principal: Principal | null) =>
    callerOf({
      db: target.db,
      logger: pino({ level: 'silent' }),
      alarmEngine: () => undefined,
      principal,
      origin: { address: '127.0.0.1', userAgent: 'vitest' },
      sessions: undefined,
      commandLimits: new CommandLimiter(),
    });

  beforeAll(async () => {
    target = await createTestDatabase('postgres');
    await seedChannels(target.db, 'aq-zuidas', ['no2', 'pm10']);
    await seedChannels(
      target.db,
      'aq-many',
      Array.from({ length: 30 }, (_, i) => `m${i}`),
    );
  });
  afterAll(async () => {
    await target?.drop();
  });

  it('a viewer (a wall display included) finds the Zuidas station and its channels by typing "zuid"', async () => {
    const { hits } = await api(signedIn('viewer')).search.query({ text: ' zuid ' });
    expect(hits.map((hit) => `${hit.kind} ${hit.id}`)).toEqual([
      'asset aq-zuidas',
      'channel aq-zuidas/no2',
      'channel aq-zuidas/pm10',
    ]);
    expect(hits[0]).toEqual({
      kind: 'asset',
      id: 'aq-zuidas',
      label: 'Test aq-zuidas',
      detail: 'Centrum',
      assetId: 'aq-zuidas',
    });
  });

  it('someone not signed in is refused before anything is searched', async () => {
    await expect(api(null).search.query({ text: 'zuid' })).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
  });

  it('gives at most the limit asked, 20 unless asked, and refuses more than 50 with the cap named', async () => {
    const viewer = api(signedIn('viewer'));
    expect((await viewer.search.query({ text: 'aq', limit: 2 })).hits).toHaveLength(2);
    expect((await viewer.search.query({ text: 'aq' })).hits).toHaveLength(20);
    expect((await viewer.search.query({ text: 'aq', limit: 50 })).hits).toHaveLength(34);
    await expect(viewer.search.query({ text: 'aq', limit: 51 })).rejects.toThrow(/at most 50 hits per call/);
    await expect(viewer.search.query({ text: 'x'.repeat(101) })).rejects.toThrow(/at most 100 characters/);
    await expect(viewer.search.query({ text: '   ' })).rejects.toThrow(/type something to search for/);
  });
});
