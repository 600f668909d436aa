/**
 * The peer of the realtime benchmark: a plain Socket.IO server that LISTENs for the same ingest
 * notices and broadcasts each one's values to every client as it comes, with no hub, no frames, no
 * alarms. What Socket.IO and Postgres NOTIFY cost by themselves. It sends the same wire tuples as
 * ours (`WireValue`), so the two differ in how they fan out, not in how many bytes a value takes.
 * Prints "ready <url>".
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { READINGS_NOTIFY_CHANNEL, ReadingsNoticeSchema } from '@city/domain';
import pg from 'pg';
import { Server } from 'socket.io';

const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
await client.connect();
const http = createServer();
const io = new Server(http, { serveClient: false });
client.on('notification', (message) => {
  const notice = ReadingsNoticeSchema.parse(JSON.parse(message.payload ?? '{}'));
  const now = Date.now();
  io.emit('telemetry', {
    values: notice.latest.map(([channelId, value, statusCode, sourceTime, serverTime]) => [
      channelId,
      value,
      statusCode,
      now - sourceTime,
      now - serverTime,
    ]),
    serverTime: now,
  });
});
await client.query(`LISTEN ${READINGS_NOTIFY_CHANNEL}`);
await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
process.stdout.write(`ready http://127.0.0.1:${(http.address() as AddressInfo).port}\n`);
process.on('SIGTERM', () => {
  void client.end().then(() => process.exit(0));
});
