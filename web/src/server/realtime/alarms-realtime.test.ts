import { alarmJournal, type Database, insertReadings, openDatabase, upsertAlarmRules } from '@city/db';
import { createTestDatabase, seedChannels, type TestDatabase } from '@city/db/testing';
import { AlarmRuleSchema, type AlarmTransition, StatusCode } from '@city/domain';
import pino from 'pino';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlarmSnapshot, ClientToServerEvents, ServerToClientEvents } from '../../shared/contract';
import { signInAs } from '../auth/testing';
import { type RunningWebServer, startWebServer } from '../web-server';

/**
 * Two web instances on one PostgreSQL server, as a city runs them behind a load balancer: both serve
 * live alarms to their screens (through the Socket.IO cluster adapter), exactly one evaluates them,
 * and the other takes over when it dies. A screen that was away gets what it missed.
 */
type Screen = Socket<ServerToClientEvents, ClientToServerEvents>;
const logger = pino({ level: process.env.CITY_TEST_LOG_LEVEL ?? 'silent' });

interface Instance {
  db: Database;
  server: RunningWebServer;
}

let target: TestDatabase;
const instances: Instance[] = [];
const screens: Screen[] = [];
/** One viewer's session, valid on every instance (sessions live in the shared database). */
let viewerCookie = '';

async function startInstance(url: string): Promise<Instance> {
  const db = await openDatabase({ url, logger });
  const server = await startWebServer({
    db,
    port: 0,
    host: '127.0.0.1',
    pages: false,
    logger,
    realtime: { clusterUrl: url },
  });
  const instance = { db, server };
  instances.push(instance);
  if (!viewerCookie) viewerCookie = (await signInAs(db, server.url, 'viewer', 'wall-viewer')).cookie;
  return instance;
}

async function stopInstance(instance: Instance): Promise<void> {
  await instance.server.close();
  await instance.db.close();
  instances.splice(instances.indexOf(instance), 1);
}

function watch(url: string, lastAlarmSeq?: number) {
  const screen: Screen = connect(url, {
    transports: ['websocket'],
    reconnection: false,
    extraHeaders: { cookie: viewerCookie },
    auth: lastAlarmSeq === undefined ? {} : { lastAlarmSeq },
  });
  screens.push(screen);
  const seen: AlarmTransition[] = [];
  let snapshot: AlarmSnapshot | undefined;
  screen.on('alarm', (transition) => seen.push(transition));
  screen.on('alarms', (received) => {
    snapshot = received;
  });
  return { screen, seen, snapshot: () => snapshot };
}

const reading = (channelId: string, value: number) => ({
  channelId,
  value,
  statusCode: StatusCode.Good,
  sourceTime: new Date(),
});

beforeAll(async () => {
  target = await createTestDatabase('postgres');
  await seedChannels(target.db, 'aq-cluster', ['no2', 'pm10']);
  await upsertAlarmRules(target.db, [
    AlarmRuleSchema.parse({
      id: 'high',
      name: 'high',
      kind: 'high',
      target: { assetKind: 'air-quality-station', metric: 'no2' },
      limit: 200,
      priority: 2,
      message: '{asset} {value}',
    }),
    AlarmRuleSchema.parse({
      id: 'pm10-high',
      name: 'pm10 high',
      kind: 'high',
      target: { channelId: 'aq-cluster/pm10' },
      limit: 50,
      priority: 3,
      message: '{asset} {value}',
    }),
  ]);
}, 60_000);

afterAll(async () => {
  for (const screen of screens) screen.close();
  for (const instance of [...instances]) await stopInstance(instance);
  await target?.drop();
});

describe('two web instances', () => {
  it('both deliver alarms live, one evaluates them, and the other takes over when it dies', async () => {
    const url = target.url ?? '';
    const first = await startInstance(url);
    await expect.poll(() => first.server.alarmsLeading(), { timeout: 10_000 }).toBe(true);
    const second = await startInstance(url);
    const onFirst = watch(first.server.url);
    const onSecond = watch(second.server.url);
    await expect.poll(() => onFirst.snapshot() && onSecond.snapshot(), { timeout: 10_000 }).toBeTruthy();
    expect(second.server.alarmsLeading()).toBe(false);

    await insertReadings(target.db, [reading('aq-cluster/no2', 250)]);
    for (const screen of [onFirst, onSecond]) {
      await expect.poll(() => screen.seen.map((t) => t.event), { timeout: 10_000 }).toEqual(['activated']);
    }

    // The leader dies; the other instance takes over and its screens keep getting alarms.
    await stopInstance(first);
    await expect.poll(() => second.server.alarmsLeading(), { timeout: 15_000 }).toBe(true);
    await insertReadings(target.db, [reading('aq-cluster/pm10', 80)]);
    await expect
      .poll(() => onSecond.seen.map((t) => `${t.event} ${t.alarmId}`), { timeout: 10_000 })
      .toEqual(['activated high@aq-cluster/no2', 'activated pm10-high@aq-cluster/pm10']);
    // Exactly one evaluation each: one journal entry per excursion, not one per instance.
    const journal = await alarmJournal(target.db);
    expect(journal.filter((t) => t.event === 'activated').map((t) => t.alarmId)).toEqual([
      'high@aq-cluster/no2',
      'pm10-high@aq-cluster/pm10',
    ]);
  }, 90_000);

  it('replays to a screen that reconnects what it missed, in order', async () => {
    const [instance] = instances;
    if (!instance) throw new Error('no instance left running');
    const before = watch(instance.server.url);
    await expect.poll(() => before.snapshot(), { timeout: 10_000 }).toBeDefined();
    const lastSeq = before.snapshot()?.lastSeq ?? 0;
    before.screen.close();

    // While it is away: an excursion ends, and an operator acknowledges the other alarm.
    await insertReadings(target.db, [reading('aq-cluster/pm10', 10)]);
    await expect
      .poll(async () => (await alarmJournal(target.db, { afterSeq: lastSeq })).length, { timeout: 10_000 })
      .toBe(1);

    const back = watch(instance.server.url, lastSeq);
    await expect
      .poll(() => back.seen.map((t) => `${t.event} ${t.alarmId}`), { timeout: 10_000 })
      .toEqual(['cleared pm10-high@aq-cluster/pm10']);
    expect(back.seen[0]?.seq).toBeGreaterThan(lastSeq);
    expect(back.snapshot()).toBeUndefined();
  }, 60_000);
});
