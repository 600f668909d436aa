import { insertReadings, upsertAssets, upsertChannels } from '@city/db';
import { type Asset, type Channel, StatusCode } from '@city/db/domain';
import { createTestDatabase, type TestDatabase } from '@city/db/testing';
import pino from 'pino';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/contract';
import { signInAs } from '../auth/testing';
import { type RunningWebServer, startWebServer } from '../web-server';

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

  it('refuses a screen with a bad selection and says why', async () => {
    const bad = screen({ layers: ['weather'] });
    const error = await new Promise<Error>((resolve) => bad.socket.once('connect_error', resolve));
    expect(error.message).toMatch(/bad hello in auth: layers\.0: .*air/);
  });
});
