/**
 * The realtime benchmark's screens, in a process of their own: CLIENTS Socket.IO clients on URL.
 * ROLE=latency (one client): each value's delay is this process's clock minus the value's database
 * time (its commit); one machine, so the clocks are the same. ROLE=load: clients that count values
 * and sample one delay per frame, in other processes, so their parsing cannot delay the one that
 * measures. ROLE=slow: each client watches one district (DISTRICTS, comma-separated) through a proxy
 * that reads at SLOW_BYTES_PER_S, and samples every second how old the newest value it holds of each
 * channel is. Every client reports the frames it has seen, as the browser does. Measuring starts at "go" on stdin; on SIGTERM, prints one JSON line.
 */
import {
  type ClientToServerEvents,
  reportSeenFrames,
  type ServerToClientEvents,
  type WireValue,
} from '@city/web';
import { io, type Socket } from 'socket.io-client';
import { throttleProxy } from './throttle-proxy';

const clients = Number(process.env.CLIENTS ?? 100);
const url = process.env.URL ?? '';
const role = process.env.ROLE ?? 'load';
const districts = (process.env.DISTRICTS ?? '').split(',').filter(Boolean);
const slowBytesPerS = Number(process.env.SLOW_BYTES_PER_S ?? 64_000);

type Frame = { values: WireValue[]; serverTime: number };
const delays: number[] = [];
const held = Array.from({ length: clients }, () => new Map<string, number>());
const staleness: { p50Ms: number; maxMs: number }[] = [];
let values = 0;
let connected = 0;
let measuring = false;

/** When a value was stored: the frame's serverTime minus how long before it that was (`WireValue`). */
const storedAt = (frame: Frame, value: WireValue) => frame.serverTime - value[4];

function receive(client: number, frame: Frame, snapshot: boolean) {
  const now = Date.now();
  if (role === 'slow') {
    for (const value of frame.values) held[client]?.set(value[0], storedAt(frame, value));
  }
  if (!measuring || snapshot) return;
  values += frame.values.length;
  if (role === 'latency') for (const value of frame.values) delays.push(now - storedAt(frame, value));
  else if (role === 'load' && frame.values[0]) delays.push(now - storedAt(frame, frame.values[0]));
}

function sampleStaleness() {
  const now = Date.now();
  const ages = held
    .flatMap((channels) => [...channels.values()].map((time) => now - time))
    .sort((a, b) => a - b);
  if (ages.length > 0) {
    staleness.push({ p50Ms: ages[Math.floor(ages.length / 2)] ?? 0, maxMs: ages.at(-1) ?? 0 });
  }
}

for (let i = 0; i < clients; i++) {
  const district = districts[i % Math.max(1, districts.length)];
  const target = role === 'slow' ? (await throttleProxy(new URL(url), slowBytesPerS)).url : url;
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(target, {
    transports: ['websocket'],
    auth: role === 'slow' && district ? { districts: [district] } : {},
    // A viewer's session from our server; the plain peer asks for none.
    extraHeaders: process.env.COOKIE ? { cookie: process.env.COOKIE } : {},
  });
  // As the browser does: the server tells a slow screen by what it reports (the plain peer ignores it).
  reportSeenFrames(socket);
  socket.on('connect', () => {
    connected += 1;
    if (connected === clients) process.stdout.write('connected\n');
  });
  socket.on('snapshot', (snapshot) => receive(i, snapshot, true));
  socket.on('telemetry', (frame) => receive(i, frame, false));
}
process.stdin.on('data', () => {
  measuring = true;
  if (role === 'slow') setInterval(sampleStaleness, 1_000);
});
process.on('SIGTERM', () => {
  delays.sort((a, b) => a - b);
  const at = (q: number) => delays[Math.min(delays.length - 1, Math.floor(q * delays.length))] ?? null;
  const report = { values, samples: delays.length, p50: at(0.5), p99: at(0.99), staleness };
  process.stdout.write(`${JSON.stringify(report)}\n`);
  process.exit(0);
});
