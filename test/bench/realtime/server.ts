/**
 * The realtime benchmark's server, in its own process: the control room's web server (hub, alarm
 * engine, Socket.IO) without pages, on the PostgreSQL database DATABASE_URL. Prints "ready <url>".
 * BENCH_REALTIME_ALARMS=off leaves the alarm engine out, to tell its cost from the fan-out's.
 */
import { openDatabase } from '@city/db';
import { startWebServer } from '@city/web';
import { signInAs } from '@city/web/testing';
import pino from 'pino';

const url = process.env.DATABASE_URL ?? '';
const db = await openDatabase({ url, logger: pino({ level: 'warn' }) });
const server = await startWebServer({
  db,
  port: 0,
  host: '127.0.0.1',
  pages: false,
  realtime: { alarms: process.env.BENCH_REALTIME_ALARMS !== 'off' },
  logger: pino({ level: 'warn' }),
});
// The screens sign in as a viewer would (a new account each run: the database outlives one server); the plain peer has no sign-in to pay for.
const { cookie } = await signInAs(db, server.url, 'viewer');
process.stdout.write(`ready ${server.url} ${cookie}\n`);
process.on('SIGTERM', () => {
  void server
    .close()
    .then(() => db.close())
    .then(() => process.exit(0));
});
