import { insertReadings, upsertAssets, upsertChannels } from '@city/db';
import { createTestDatabase, type TestDatabase } from '@city/db/testing';
import { type Asset, type Channel, StatusCode } from '@city/domain';
import pino from 'pino';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ClientToServerEvents,
  EventRefusal,
  ServerToClientEvents,
  WatchRefusal,
} from '../../shared/contract';
import { signInAs } from '../auth/testing';
import { type RunningWebServer, startWebServer } from '../web-server';
import { WATCH_LIMIT } from './watch-throttle';

type Screen = Socket<ServerToClientEvents, ClientToServerEvents>;

const asset = (id: string, layer: Asset['layer'], district: string): Asset => ({
  id,
  kind: layer === 'air' ? 'air-quality-station' : 'pumping-station',
  layer,
  name: id,
  geometry: { type: 'Point', coordinates: [4.9, 52.37] },
  district,
  properties: {},
});
const channel = (assetId: string, metric: string): Channel => ({
  id: `${assetId}/${metric}`,
  assetId,
  metric,
  name: metric,
  unit: '',
  displayRange: [0, 100],
  writable: false,
  source: null,
});

let target: TestDatabase;
let server: RunningWebServer;
const screens: Screen[] = [];
let viewer = '';

beforeAll(async () => {
  target = await createTestDatabase('postgres');
  await upsertAssets(target.db, [asset('aq-zuid', 'air', 'Zuid'), asset('ps-noord', 'sewer', 'Noord')]);
  await upsertChannels(target.db, [channel('aq-zuid', 'no2'), channel('ps-noord', 'level')]);
  server = await startWebServer({
    db: target.db,
    port: 0,
    host: '127.0.0.1',
    pages: false,
    logger: pino({ level: 'silent' }),
    realtime: { alarms: false },
  });
  viewer = (await signInAs(target.db, server.url, 'viewer')).cookie;
}, 60_000);
afterAll(async () => {
  for (const screen of screens) screen.close();
  await server?.close();
  await target?.drop();
});

function screen(auth: object) {
  const socket: Screen = connect(server.url, {
    transports: ['websocket'],
    reconnection: false,
    auth,
    extraHeaders: { cookie: viewer },
  });
  screens.push(socket);
  const seen: string[] = [];
  socket.on('telemetry', (frame) => seen.push(...frame.values.map(([channelId]) => channelId)));
  socket.on('snapshot', (snapshot) =>
    seen.push(...snapshot.values.map(([channelId]) => `snapshot ${channelId}`)),
  );
  return { socket, seen };
}

const readings = (value: number) =>
  ['aq-zuid/no2', 'ps-noord/level'].map((channelId) => ({
    channelId,
    value,
    statusCode: StatusCode.Good,
    sourceTime: new Date(),
  }));

describe('telemetry by layer and district', () => {
  it('sends a screen only what it watches, and what it asks for next', async () => {
    const air = screen({ layers: ['air'] });
    const everything = screen({});
    await new Promise((resolve) => air.socket.once('snapshot', resolve));
    await insertReadings(target.db, readings(10));
    await expect
      .poll(() => everything.seen.filter((id) => !id.startsWith('snapshot')).sort(), { timeout: 5_000 })
      .toEqual(['aq-zuid/no2', 'ps-noord/level']);
    expect(air.seen).toEqual(['aq-zuid/no2']);

    air.socket.emit('watch', { districts: ['Noord'] });
    await expect.poll(() => air.seen.at(-1), { timeout: 5_000 }).toBe('snapshot ps-noord/level');
    air.seen.length = 0;
    await insertReadings(target.db, readings(20));
    await expect.poll(() => air.seen, { timeout: 5_000 }).toEqual(['ps-noord/level']);
  });

  it('refuses watch changes past the burst with the limit named, and keeps the screen connected', async () => {
    const busy = screen({ layers: ['air'] });
    await new Promise((resolve) => busy.socket.once('snapshot', resolve));
    const refusals: WatchRefusal[] = [];
    busy.socket.on('watch-refused', (refusal) => refusals.push(refusal));
    for (let i = 0; i < WATCH_LIMIT.burst; i++) busy.socket.emit('watch', { layers: ['air'] });
    busy.socket.emit('watch', { districts: ['Noord'] });
    await expect.poll(() => refusals.length, { timeout: 5_000 }).toBe(1);
    expect(refusals[0]).toMatchObject({ reason: 'too-often' });
    expect(refusals[0]?.message).toMatch(/at most 5 watch changes at once, then one every 2 s/);
    // The refused change did not happen: still air only.
    busy.seen.length = 0;
    await insertReadings(target.db, readings(30));
    await expect.poll(() => busy.seen, { timeout: 5_000 }).toEqual(['aq-zuid/no2']);
    expect(busy.socket.connected).toBe(true);
    // As a script that ignores the contract would send it.
    busy.socket.emit('watch', JSON.parse('{"layers":["nowhere"]}'));
    await expect.poll(() => refusals.at(-1)?.reason, { timeout: 5_000 }).toBe('bad-selection');
    expect(refusals.at(-1)?.message).toMatch(/^layers\.0: /);
  });

  it('refuses a client event that no permission names, and keeps the screen live', async () => {
    const curious = screen({ layers: ['air'] });
    await new Promise((resolve) => curious.socket.once('snapshot', resolve));
    const refused = new Promise<EventRefusal>((resolve) => curious.socket.once('event-refused', resolve));
    // As a script would send it: a command over the socket instead of tRPC.
    (curious.socket as unknown as { emit: (event: string, ...args: unknown[]) => void }).emit('setpoint', {
      channelId: 'aq-zuid/no2',
      value: 1,
    });
    expect(await refused).toEqual({
      event: 'setpoint',
      message: '"setpoint" is not an event this server takes',
    });
    curious.seen.length = 0;
    await insertReadings(target.db, readings(40));
    await expect.poll(() => curious.seen, { timeout: 5_000 }).toEqual(['aq-zuid/no2']);
  });

  it('refuses a screen with a bad selection and says why', async () => {
    const bad = screen({ layers: ['weather'] });
    const error = await new Promise<Error>((resolve) => bad.socket.once('connect_error', resolve));
    expect(error.message).toMatch(/bad hello in auth: layers\.0: .*air/);
  });
});
