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

const KIND = { air: 'air-quality-station', sewer: 'pumping-station', traffic: 'loop-detector' } as const;
const asset = (id: string, layer: keyof typeof KIND, district: string): Asset => ({
  id,
  kind: KIND[layer],
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
  await upsertAssets(target.db, [
    asset('aq-zuid', 'air', 'Zuid'),
    asset('ps-noord', 'sewer', 'Noord'),
    asset('aq-centrum', 'air', 'Centrum'),
    asset('loop-centrum', 'traffic', 'Centrum'),
  ]);
  await upsertChannels(target.db, [
    channel('aq-zuid', 'no2'),
    channel('ps-noord', 'level'),
    channel('aq-centrum', 'no2'),
    channel('loop-centrum', 'speed'),
  ]);
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

const readings = (value: number, channelIds = ['aq-zuid/no2', 'ps-noord/level']) =>
  channelIds.map((channelId) => ({
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

  it("a screen watching air in Centrum gets Centrum's air station, not its traffic loop nor Zuid's air station, in frames and in the snapshot after watch", async () => {
    const everywhere = ['aq-zuid/no2', 'ps-noord/level', 'aq-centrum/no2', 'loop-centrum/speed'];
    const probe = screen({});
    await new Promise((resolve) => probe.socket.once('snapshot', resolve));
    await insertReadings(target.db, readings(5, everywhere));
    // The hub holds all four before the wall connects, so its snapshot has something to leave out.
    await expect.poll(() => probe.seen.includes('loop-centrum/speed'), { timeout: 5_000 }).toBe(true);
    const wall = screen({ layers: ['air'], districts: ['Centrum'] });
    await new Promise((resolve) => wall.socket.once('snapshot', resolve));
    expect(wall.seen).toEqual(['snapshot aq-centrum/no2']);
    wall.seen.length = 0;
    await insertReadings(target.db, readings(6, everywhere));
    await expect.poll(() => wall.seen, { timeout: 5_000 }).toEqual(['aq-centrum/no2']);

    // A new watch: its snapshot and the frames after it obey the same rule.
    wall.socket.emit('watch', { districts: ['Centrum'], layers: ['traffic'] });
    await expect.poll(() => wall.seen.at(-1), { timeout: 5_000 }).toBe('snapshot loop-centrum/speed');
    expect(wall.seen.filter((id) => id.startsWith('snapshot'))).toEqual(['snapshot loop-centrum/speed']);
    wall.seen.length = 0;
    await insertReadings(target.db, readings(7, everywhere));
    await expect.poll(() => wall.seen, { timeout: 5_000 }).toEqual(['loop-centrum/speed']);
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
