import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LatestValue } from '@city/domain';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClientToServerEvents, ServerToClientEvents, TelemetrySelection } from '../../shared/contract';
import type { ChannelPlace } from './rooms';
import { SnapshotSender } from './snapshot-sender';

type Screen = Socket<ServerToClientEvents, ClientToServerEvents>;

const places = new Map<string, ChannelPlace>([
  ['aq-vondelpark/no2', { layer: 'air', district: 'Zuid' }],
  ['ps-bijlmer/level', { layer: 'sewer', district: 'Zuidoost' }],
]);
const values: LatestValue[] = [...places.keys()].map((channelId) => ({
  channelId,
  value: 1,
  statusCode: 0,
  sourceTime: 1,
  serverTime: 1,
}));

let io: Server<ClientToServerEvents, ServerToClientEvents>;
let url: string;
let encodedSnapshots = 0;
const screens: Screen[] = [];

beforeEach(async () => {
  const http = createServer();
  io = new Server(http, { serveClient: false });
  const sender = new SnapshotSender({
    io,
    snapshot: () => ({ values, serverTime: Date.now() }),
    placeOf: (id) => places.get(id),
    beforeJoin: () => {},
  });
  // Counts how often a snapshot is serialised: per-screen emits and broadcasts share this encoder.
  const encode = io.encoder.encode.bind(io.encoder);
  io.encoder.encode = (packet) => {
    if (Array.isArray(packet.data) && packet.data[0] === 'snapshot') encodedSnapshots += 1;
    return encode(packet);
  };
  io.on('connection', (socket) => sender.request(socket, socket.handshake.auth as TelemetrySelection));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  encodedSnapshots = 0;
});
afterEach(async () => {
  for (const screen of screens.splice(0)) screen.close();
  await new Promise<void>((resolve) => io.close(() => resolve()));
});

function screen(auth: TelemetrySelection) {
  const socket: Screen = connect(url, { transports: ['websocket'], reconnection: false, auth });
  screens.push(socket);
  return new Promise<string[]>((resolve) =>
    socket.once('snapshot', (snapshot) => resolve(snapshot.values.map(([channelId]) => channelId))),
  );
}

describe('snapshots when a control room reconnects', () => {
  it('serialises one snapshot per selection for screens that connect together', async () => {
    const walls = Array.from({ length: 12 }, () => screen({}));
    const sewerTablets = Array.from({ length: 4 }, () => screen({ layers: ['sewer'] }));
    const all = await Promise.all(walls);
    const sewer = await Promise.all(sewerTablets);
    expect(all.every((ids) => ids.length === 2)).toBe(true);
    expect(sewer.every((ids) => ids.join() === 'ps-bijlmer/level')).toBe(true);
    expect(encodedSnapshots).toBeLessThanOrEqual(4);
    expect([...(io.of('/').adapter.rooms.get('telemetry:all') ?? [])]).toHaveLength(12);
  });
});
