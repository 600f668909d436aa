import { mkdtemp, rm } from 'node:fs/promises';
import { Agent, get as httpGet } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type Database,
  insertReadings,
  migrate,
  openDatabase,
  openEmbeddedDataDirs,
  upsertAssets,
  upsertChannels,
} from '@city/db';
import { type Asset, type Channel, StatusCode } from '@city/domain';
import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import pino from 'pino';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAs } from './auth/testing';
import type { ClientToServerEvents, ServerToClientEvents, TelemetryFrame, TelemetrySnapshot } from './index';
import { type AppRouter, fromWire, type RunningWebServer, startWebServer } from './index';

const vondelpark: Asset = {
  id: 'aq-vondelpark',
  kind: 'air-quality-station',
  layer: 'air',
  name: 'Vondelpark',
  geometry: { type: 'Point', coordinates: [4.8698, 52.3579] },
  district: 'Zuid',
  properties: {},
};
const no2: Channel = {
  id: 'aq-vondelpark/no2',
  assetId: 'aq-vondelpark',
  metric: 'no2',
  name: 'NO₂',
  unit: 'µg/m³',
  displayRange: [0, 200],
  writable: false,
  source: null,
};

type TelemetrySocket = Socket<ServerToClientEvents, ClientToServerEvents>;

describe('control room server on a real embedded database (pages off)', () => {
  let dataDir: string;
  let db: Database;
  let server: RunningWebServer;
  let cookie = '';
  const sockets: TelemetrySocket[] = [];

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'city-web-test-'));
    db = await openDatabase({ dataDir });
    await migrate(db);
    await upsertAssets(db, [vondelpark]);
    await upsertChannels(db, [no2]);
    await insertReadings(db, [reading(60, 38)]);
    server = await startWebServer({
      db,
      port: 0,
      host: '127.0.0.1',
      pages: false,
      logger: pino({ level: 'silent' }),
    });
    cookie = (await signInAs(db, server.url, 'operator')).cookie;
  });

  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await server?.close();
    await db?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  function openSocket(): TelemetrySocket {
    const socket: TelemetrySocket = connect(server.url, {
      extraHeaders: { cookie },
      transports: ['websocket', 'polling'],
      reconnection: false,
    });
    sockets.push(socket);
    return socket;
  }

  it('greets a new screen with a snapshot of the latest values from the database', async () => {
    const socket = openSocket();
    const snapshot = await new Promise<TelemetrySnapshot>((resolve) => socket.once('snapshot', resolve));
    expect(fromWire(snapshot.values, snapshot.serverTime)).toEqual([
      expect.objectContaining({ channelId: no2.id, value: 38 }),
    ]);
  });

  it('pushes readings inserted by a gateway to a connected screen within a second', async () => {
    const socket = openSocket();
    await new Promise((resolve) => socket.once('snapshot', resolve));
    const frame = new Promise<TelemetryFrame>((resolve) => socket.once('telemetry', resolve));

    const insertedAt = Date.now();
    await insertReadings(db, [reading(1, 44.5), reading(0, null, StatusCode.BadSensorFailure)]);
    const { values, serverTime } = await frame;

    expect(Date.now() - insertedAt).toBeLessThan(1_000);
    expect(fromWire(values, serverTime)).toEqual([
      expect.objectContaining({ channelId: no2.id, value: null, statusCode: StatusCode.BadSensorFailure }),
    ]);
  });

  it('answers map.assets and map.latest over tRPC', async () => {
    const trpc = trpcClient();
    const { assets, channels } = await trpc.map.assets.query({ layers: ['air'] });
    expect(assets.map((asset) => asset.id)).toEqual(['aq-vondelpark']);
    expect(channels.map((channel) => channel.id)).toEqual(['aq-vondelpark/no2']);
    expect(await trpc.map.assets.query({ layers: ['sewer'] })).toEqual({ assets: [], channels: [] });
    const latest = await trpc.map.latest.query({ channelIds: [no2.id] });
    expect(latest).toHaveLength(1);
  });

  it('rejects a malformed channel id with BAD_REQUEST naming the field', async () => {
    const error = await trpcClient()
      .map.latest.query({ channelIds: ['Vondelpark NO2'] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TRPCClientError);
    const shape = (error as TRPCClientError<AppRouter>).data;
    expect(shape?.code).toBe('BAD_REQUEST');
    expect(JSON.stringify(shape?.zodError)).toContain('expected \\"<asset-id>/<metric>\\"');
  });

  it('rejects an unknown layer with BAD_REQUEST', async () => {
    const error = await trpcClient()
      // @ts-expect-error the layer is not one of the four map layers, which is the point
      .map.assets.query({ layers: ['metro'] })
      .catch((caught: unknown) => caught);
    expect((error as TRPCClientError<AppRouter>).data?.code).toBe('BAD_REQUEST');
  });

  it('holds exactly one embedded database instance in the process', () => {
    expect(openEmbeddedDataDirs()).toHaveLength(1);
  });

  it('refuses a port that is taken, and the first server keeps serving', async () => {
    const second = startWebServer({
      db,
      port: server.port,
      host: '127.0.0.1',
      pages: false,
      logger: pino({ level: 'silent' }),
    });
    await expect(second).rejects.toThrow(/WEB_PORT_IN_USE.*port \d+ is taken.*PORT=/);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it("keeps an idle connection open past Node's 5 s, so a client that reuses it gets an answer", async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const get = () =>
      new Promise<{ status: number; port: number }>((resolve, reject) => {
        const req = httpGet(`${server.url}/healthz`, { agent }, (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode ?? 0, port: req.socket?.localPort ?? 0 }));
        });
        req.on('error', reject);
      });
    const first = await get();
    await new Promise((resolve) => setTimeout(resolve, 6_500));
    const second = await get();
    agent.destroy();
    expect(second.status).toBe(200);
    expect(second.port, 'the same connection was used again').toBe(first.port);
  }, 15_000);

  it('reports health with the number of channels and clients', async () => {
    const health = await (await fetch(`${server.url}/healthz`)).json();
    expect(health).toMatchObject({ status: 'ok', channels: 1 });
  });

  function trpcClient() {
    return createTRPCClient<AppRouter>({
      links: [httpBatchLink({ url: `${server.url}/api/trpc`, headers: { cookie, origin: server.url } })],
    });
  }
});

function reading(secondsAgo: number, value: number | null, statusCode: number = StatusCode.Good) {
  return { channelId: no2.id, value, statusCode, sourceTime: new Date(Date.now() - secondsAgo * 1000) };
}
