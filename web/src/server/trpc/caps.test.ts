import { createTestDatabase, seedChannels, type TestDatabase } from '@city/db/testing';
import { AlarmRuleSchema } from '@city/domain';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SESSION_POLICY } from '../auth/access-options';
import { CommandLimiter } from '../auth/command-limits';
import { SessionService } from '../auth/sessions';
import { signInAs } from '../auth/testing';
import { type RunningWebServer, startWebServer } from '../web-server';
import { CAPS, historyPoints } from './caps';
import { createCallerFactory } from './init';
import { appRouter } from './router';

const callerOf = createCallerFactory(appRouter);

const DAY = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY).toISOString();

/** Each cap as a viewer's browser meets it: a GET to /api/trpc, answered 400 with the cap named. */
describe('what one tRPC call may ask for, over HTTP against PostgreSQL', () => {
  let target: TestDatabase;
  let server: RunningWebServer;
  let cookie = '';
  const query = async (path: string, input: unknown) => {
    const response = await fetch(
      `${server.url}/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`,
      { headers: { cookie } },
    );
    return { status: response.status, body: await response.text() };
  };
  const refused = async (path: string, input: unknown, message: RegExp) => {
    const answer = await query(path, input);
    expect(answer.status, answer.body).toBe(400);
    expect((JSON.parse(answer.body) as { error: { message: string } }).error.message).toMatch(message);
  };

  beforeAll(async () => {
    target = await createTestDatabase('postgres');
    await seedChannels(target.db, 'aq-caps', ['no2']);
    server = await startWebServer({
      db: target.db,
      port: 0,
      host: '127.0.0.1',
      pages: false,
      logger: pino({ level: 'silent' }),
      realtime: { alarms: false },
    });
    cookie = (await signInAs(target.db, server.url, 'viewer')).cookie;
  }, 60_000);
  /** The viewer's own session, as the handler would put it in the context. */
  const context = async () => {
    const sessions = new SessionService(target.db, DEFAULT_SESSION_POLICY);
    const check = await sessions.check(cookie.split('=')[1]);
    await sessions.close();
    if (!check.ok) throw new Error(`the viewer's session is ${check.reason}`);
    return {
      db: target.db,
      logger: pino({ level: 'silent' }),
      alarmEngine: () => undefined,
      principal: check.principal,
      origin: { address: '127.0.0.1', userAgent: 'vitest' },
      sessions: undefined,
      commandLimits: new CommandLimiter(),
    };
  };
  afterAll(async () => {
    await server?.close();
    await target?.drop();
  });

  it('bounds every list and string a screen sends', async () => {
    await refused('map.assets', { layers: Array(5).fill('air') }, /at most 4 layers per call/);
    await refused('alarms.list', { states: Array(8).fill('shelved') }, /at most 7 states per call/);
    const districts = Array.from({ length: 101 }, (_, d) => `d${d}`);
    await refused('assets.state', { districts }, /at most 100 districts per call/);
    await refused('assets.state', { districts: ['x'.repeat(101)] }, /at most 100 characters/);
    expect((await query('assets.state', { districts: districts.slice(0, 100) })).status).toBe(200);
    const rule = { id: 'r', name: 'r', kind: 'high', limit: 1, priority: 3, message: 'm' };
    const metric = (length: number) => ({
      ...rule,
      target: { assetKind: 'air-quality-station', metric: 'm'.repeat(length) },
    });
    expect(AlarmRuleSchema.safeParse(metric(100)).success).toBe(true);
    expect(AlarmRuleSchema.safeParse(metric(101)).success).toBe(false);
    // 5,001 channel ids do not fit in a URL (the server answers 431 first): the same procedure, in-process.
    const ids = Array.from({ length: CAPS.channelIds + 1 }, (_, c) => `aq-${c}/no2`);
    await expect(callerOf(await context()).map.latest({ channelIds: ids })).rejects.toThrow(
      /at most 5000 channels per call/,
    );
  });

  it('caps every time range, naming the cap', async () => {
    await refused('alarms.kpis', { from: daysAgo(32) }, /the KPIs cover at most 31 days per call/);
    await refused('alarms.journal', { from: daysAgo(40) }, /the journal covers at most 31 days per call/);
    await refused('alarms.journal', { to: daysAgo(1) }, /give "from" with "to"/);
    expect((await query('alarms.journal', { from: daysAgo(30) })).status).toBe(200);
    await refused(
      'assets.history',
      { channelId: 'aq-caps/no2', from: daysAgo(400), to: daysAgo(0) },
      /history covers at most 366 days per call/,
    );
  });

  it('answers a history over more than 31 days from hourly buckets, never raw readings', async () => {
    const history = async (days: number, maxPoints: number) => {
      const answer = await query('assets.history', {
        channelId: 'aq-caps/no2',
        from: daysAgo(days),
        to: daysAgo(0),
        maxPoints,
      });
      expect(answer.status, answer.body).toBe(200);
      return (JSON.parse(answer.body) as { result: { data: { source: string; bucketMs: number } } }).result
        .data;
    };
    // Ten thousand points over 60 days would be 10-minute buckets read from raw readings.
    expect(await history(60, 10_000)).toMatchObject({ source: '1h', bucketMs: 3_600_000 });
    expect((await history(7, 10_000)).source).toBe('raw');
    expect(historyPoints(new Date(0), new Date(60 * DAY), 10_000)).toBe(1_440);
    expect(historyPoints(new Date(0), new Date(31 * DAY), 10_000)).toBe(10_000);
  });
});
