import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo, Socket as TcpSocket } from 'node:net';
import type { LatestValue } from '@city/domain';
import pino from 'pino';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/contract';
import { reportSeenFrames } from '../../shared/report-seen-frames';
import { ALL_ROOM } from './rooms';
import { type FanoutOptions, TelemetryFanout } from './telemetry-fanout';
import { TelemetryHub } from './telemetry-hub';

type Screen = Socket<ServerToClientEvents, ClientToServerEvents>;

const CHANNELS = 2_000;
const channelIds = Array.from({ length: CHANNELS }, (_, i) => `aq-station-${i}/no2`);
const valuesOf = (round: number, channels = channelIds) =>
  channels.map(
    (channelId): LatestValue => ({
      channelId,
      value: round,
      statusCode: 0,
      sourceTime: 1_700_000_000_000 + round,
      serverTime: 1_700_000_000_000 + round,
    }),
  );

let http: HttpServer;
let io: Server<ClientToServerEvents, ServerToClientEvents>;
let fanout: TelemetryFanout;
let hub: TelemetryHub;
let url: string;
const screens: Screen[] = [];

beforeEach(async () => {
  http = createServer();
  io = new Server(http, { serveClient: false });
  startFanout();
  io.on('connection', (socket) => {
    fanout.attach(socket);
    socket.join(ALL_ROOM);
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});
/** The hub and fan-out as the web server wires them, without the database: the test feeds the hub. */
function startFanout(options: Partial<FanoutOptions> = {}) {
  hub?.close();
  fanout?.close();
  hub = new TelemetryHub({ logger: pino({ level: 'silent' }), publish: (frame) => fanout.publish(frame) });
  fanout = new TelemetryFanout(io, () => ({ layer: 'air', district: 'Zuid' }), {
    newestSince: (seq) => hub.newestSince(seq),
    ...options,
  });
}

afterEach(async () => {
  hub.close();
  fanout.close();
  for (const screen of screens.splice(0)) screen.close();
  await new Promise<void>((resolve) => io.close(() => resolve()));
});

/** A screen that records, per channel, the newest value it has, and counts the frames it read. */
async function screen(reportsSeen = false) {
  const socket: Screen = connect(url, { transports: ['websocket'], reconnection: false });
  screens.push(socket);
  if (reportsSeen) reportSeenFrames(socket, 50);
  const held = new Map<string, number | null>();
  const seen = { frames: 0, lastRound: -1, lastAt: 0 };
  socket.on('telemetry', (frame) => {
    seen.frames += 1;
    for (const [channelId, value] of frame.values) held.set(channelId, value);
    seen.lastRound = Math.max(seen.lastRound, Number(frame.values[0]?.[1] ?? -1));
    seen.lastAt = Date.now();
  });
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  return { socket, held, seen };
}

/** The TCP socket under a screen's WebSocket: pausing it is a tablet that stops reading. */
function tcpOf(socket: Screen): TcpSocket {
  const transport = socket.io.engine.transport as unknown as { ws?: { _socket?: TcpSocket } };
  const tcp = transport.ws?._socket;
  if (!tcp)
    throw new Error('telemetry-fanout.test: no WebSocket under the screen; use transports: [websocket]');
  return tcp;
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('a tablet that stops reading', () => {
  it('is held back within a second when it reports what it sees, long before the kernel buffers fill', async () => {
    startFanout({ seenLagMs: 300 });
    const fast = await screen(true);
    const slow = await screen(true);
    const few = channelIds.slice(0, 20);
    hub.apply(valuesOf(0, few));
    await expect.poll(() => slow.seen.lastRound, { timeout: 5_000 }).toBe(0);
    tcpOf(slow.socket).pause();
    let round = 1;
    for (; round <= 20; round += 1) {
      hub.apply(valuesOf(round, few));
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    // 20 frames of 20 values are a few kilobytes: the kernel took them all, only the reports tell.
    expect(fanout.stats.backedUp).toBe(1);
    expect(fast.seen.lastRound).toBe(20);
    const framesBeforeResume = slow.seen.frames;

    tcpOf(slow.socket).resume();
    await expect.poll(() => slow.seen.lastRound, { timeout: 5_000 }).toBe(20);
    expect([...slow.held.values()].every((value) => value === 20)).toBe(true);
    expect(slow.seen.frames - framesBeforeResume).toBeLessThan(12);
    await expect.poll(() => fanout.stats.backedUp, { timeout: 5_000 }).toBe(0);
  }, 30_000);

  it('does not delay a fast screen, and gets the newest value of each channel when it reads again', async () => {
    const fast = await screen();
    const slow = await screen();
    tcpOf(slow.socket).pause();

    const rounds = 100;
    for (let round = 0; round < rounds; round += 1) {
      hub.apply(valuesOf(round));
      await nextTurn();
    }
    const lastPublishedAt = Date.now();
    await expect.poll(() => fast.seen.lastRound, { timeout: 10_000 }).toBe(rounds - 1);
    expect(fast.seen.frames).toBe(rounds);
    expect(fast.seen.lastAt - lastPublishedAt).toBeLessThan(1_000);
    expect(fanout.stats.backedUp).toBe(1);

    tcpOf(slow.socket).resume();
    await expect.poll(() => slow.seen.lastRound, { timeout: 10_000 }).toBe(rounds - 1);
    expect([...slow.held.values()].every((value) => value === rounds - 1)).toBe(true);
    expect(slow.held.size).toBe(CHANNELS);
    // Only what the kernel had taken before it was held back, then one frame with the newest values.
    expect(slow.seen.frames).toBeLessThan(rounds / 2);
    await expect.poll(() => fanout.stats.backedUp, { timeout: 5_000 }).toBe(0);

    hub.apply(valuesOf(rounds));
    await expect.poll(() => slow.seen.lastRound, { timeout: 5_000 }).toBe(rounds);
    expect(fast.seen.lastRound).toBe(rounds);
  }, 30_000);
});
