/**
 * The realtime benchmark's screens, in a process of their own: CLIENTS Socket.IO clients on URL.
 * With ROLE=latency (one client), each value's delay is this process's clock minus the value's
 * database time (its commit); one machine, so the clocks are the same. The load clients only count,
 * in other processes, so their parsing cannot delay the one that measures. On SIGTERM, prints one
 * JSON line.
 */
import { io } from 'socket.io-client';

const clients = Number(process.env.CLIENTS ?? 100);
const url = process.env.URL ?? '';
const delays: number[] = [];
let values = 0;
let connected = 0;
let measuring = false;
for (let i = 0; i < clients; i++) {
  const socket = io(url, { transports: ['websocket'] });
  socket.on('connect', () => {
    connected += 1;
    if (connected === clients) process.stdout.write('connected\n');
  });
  socket.on('telemetry', (frame: { values: { serverTime: number }[] }) => {
    if (!measuring) return;
    const now = Date.now();
    values += frame.values.length;
    if (process.env.ROLE === 'latency') for (const value of frame.values) delays.push(now - value.serverTime);
  });
}
process.stdin.on('data', () => {
  measuring = true;
});
process.on('SIGTERM', () => {
  delays.sort((a, b) => a - b);
  const at = (q: number) => delays[Math.min(delays.length - 1, Math.floor(q * delays.length))] ?? null;
  process.stdout.write(
    `${JSON.stringify({ values, samples: delays.length, p50: at(0.5), p99: at(0.99) })}\n`,
  );
  process.exit(0);
});
