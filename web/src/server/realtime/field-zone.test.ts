import {
  alarmJournal,
  type Database,
  insertReadings,
  openDatabase,
  upsertAlarmRules,
  upsertAssets,
  upsertChannels,
} from '@city/db';
import { createTestDatabase, type GatewayLogin, loginAsGateway, type TestDatabase } from '@city/db/testing';
import { AlarmRuleSchema, type Asset, type LatestValue, StatusCode } from '@city/domain';
import pino from 'pino';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALARMS_ROOM, type ClientToServerEvents, type ServerToClientEvents } from '../../shared/contract';
import { fromWire } from '../../shared/wire';
import { signInAs } from '../auth/testing';
import { type RunningWebServer, startWebServer } from '../web-server';
import { clusterChannelPrefix } from './cluster-adapter';

/**
 * Issue 13, test 8: a stolen cabinet's database role. It may NOTIFY on any channel it can name, so
 * the control room believes a readings notice only for the sender's own channels, and shares its
 * screens on a channel named by the deployment's secret, which the cabinet does not know.
 */
type Screen = Socket<ServerToClientEvents, ClientToServerEvents>;
const logger = pino({ level: process.env.CITY_TEST_LOG_LEVEL ?? 'silent' });
const SECRET = 'field-zone-test-secret-0123456789abcdef';
const WEST = 'ps-vondelpark/level';
const NORTH = 'ps-sloterdijk/level';

const station = (id: string): Asset => ({
  id,
  kind: 'pumping-station',
  layer: 'sewer',
  name: id,
  geometry: { type: 'Point', coordinates: [4.87, 52.37] },
  district: 'West',
  properties: {},
});
const levelOf = (assetId: string, gatewayId: string) => ({
  id: `${assetId}/level`,
  assetId,
  metric: 'level',
  name: 'Level',
  unit: 'm',
  displayRange: [0, 5] as [number, number],
  writable: false,
  source: { gatewayId, deviceId: 'plc', point: 'level' },
});
const notice = (values: [string, number][]) =>
  JSON.stringify({
    v: 1,
    latest: values.map(([id, value]) => [id, value, StatusCode.Good, Date.now(), Date.now()]),
  });

let target: TestDatabase;
let web: Database;
let server: RunningWebServer;
let west: GatewayLogin;
let screen: Screen;
const seen = new Map<string, LatestValue[]>();
const alarmsOnScreen: string[] = [];

async function healthz(): Promise<{ valuesDropped: number }> {
  return (await fetch(`${server.url}/healthz`)).json() as Promise<{ valuesDropped: number }>;
}

beforeAll(async () => {
  target = await createTestDatabase('postgres');
  const url = target.url as string;
  await upsertAssets(target.db, [station('ps-vondelpark'), station('ps-sloterdijk')]);
  await upsertChannels(target.db, [
    levelOf('ps-vondelpark', 'gw-west'),
    levelOf('ps-sloterdijk', 'gw-north'),
  ]);
  await upsertAlarmRules(target.db, [
    AlarmRuleSchema.parse({
      id: 'overflow',
      name: 'overflow',
      kind: 'high',
      target: { channelId: NORTH },
      limit: 4,
      priority: 1,
      message: '{asset} {value}',
    }),
  ]);
  web = await openDatabase({ url, logger });
  server = await startWebServer({
    db: web,
    port: 0,
    host: '127.0.0.1',
    pages: false,
    logger,
    realtime: { clusterUrl: url, clusterSecret: SECRET },
  });
  west = await loginAsGateway(target.db, url, 'gw-west');
  const { cookie } = await signInAs(web, server.url, 'viewer');
  screen = connect(server.url, { transports: ['websocket'], reconnection: false, extraHeaders: { cookie } });
  screen.on('telemetry', (frame) => {
    for (const value of fromWire(frame.values, frame.serverTime))
      seen.set(value.channelId, [...(seen.get(value.channelId) ?? []), value]);
  });
  screen.on('alarm', (transition) => alarmsOnScreen.push(`${transition.event} ${transition.alarmId}`));
  await new Promise<void>((resolve) => screen.once('snapshot', () => resolve()));
}, 60_000);

afterAll(async () => {
  screen?.close();
  await server?.close();
  await web?.close();
  await target?.drop();
  await west?.drop();
});

describe('a stolen cabinet’s database role', () => {
  it('forges a readings notice for the other cabinet’s pumping station: no value, no alarm, the drop counted', async () => {
    await expect.poll(() => server.alarmsLeading(), { timeout: 10_000 }).toBe(true);
    const dropped = (await healthz()).valuesDropped;
    // Its own channel in the same notice still counts: the notice speaks for what its sender may write.
    await west.db.query(`SELECT pg_notify('city_readings', $1)`, [
      notice([
        [NORTH, 4.9],
        [WEST, 2.5],
      ]),
    ]);
    await expect.poll(() => seen.get(WEST)?.map((v) => v.value), { timeout: 10_000 }).toEqual([2.5]);
    // And the same through the ingest path: the database refuses the reading, so nothing is announced.
    expect(
      await insertReadings(west.db, [
        { channelId: NORTH, value: 4.95, statusCode: 0, sourceTime: new Date() },
      ]),
    ).toMatchObject({ inserted: 0, refused: 1 });
    await insertReadings(west.db, [{ channelId: WEST, value: 2.75, statusCode: 0, sourceTime: new Date() }]);
    await expect.poll(() => seen.get(WEST)?.at(-1)?.value, { timeout: 10_000 }).toBe(2.75);
    expect(seen.get(NORTH)).toBeUndefined();
    expect((await healthz()).valuesDropped).toBe(dropped + 1);
    expect(await alarmJournal(target.db)).toEqual([]);
    // The control: the same value, really measured, is shown and raises the alarm.
    await insertReadings(target.db, [
      { channelId: NORTH, value: 4.9, statusCode: 0, sourceTime: new Date() },
    ]);
    await expect.poll(() => seen.get(NORTH)?.map((v) => v.value), { timeout: 10_000 }).toEqual([4.9]);
    await expect.poll(() => alarmsOnScreen, { timeout: 10_000 }).toEqual([`activated overflow@${NORTH}`]);
  });

  it('forges a cluster packet: on Socket.IO’s default channel it reaches no screen; only the secret one would', async () => {
    const packet = (event: string) =>
      JSON.stringify({
        uid: 'stolen-cabinet',
        nsp: '/',
        type: 3, // BROADCAST
        data: {
          opts: { rooms: [ALARMS_ROOM], except: [], flags: {} },
          packet: { type: 2, nsp: '/', data: ['alarm', { event, alarmId: 'forged@city', seq: 1e9 }] },
        },
      });
    for (const channel of ['socket.io#/', 'city-io#/', `${clusterChannelPrefix('guess')}#/`])
      await west.db.query('SELECT pg_notify($1, $2)', [channel, packet('activated')]);
    // The control: the same packet on the channel the secret names does reach the screen.
    await west.db.query('SELECT pg_notify($1, $2)', [`${clusterChannelPrefix(SECRET)}#/`, packet('control')]);
    await expect.poll(() => alarmsOnScreen.at(-1), { timeout: 10_000 }).toBe('control forged@city');
    expect(alarmsOnScreen.filter((a) => a.endsWith('forged@city'))).toEqual(['control forged@city']);
  });
});
