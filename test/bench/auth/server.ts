/**
 * The auth benchmark's servers, in one process of their own on the PostgreSQL database DATABASE_URL:
 * the control room's web server (pages off, alarm engine off) and, beside it, the unguarded peer
 * serving the same tRPC router on the same database pool as the same viewer, without access
 * control. Prints "ready <ours> <peer> <cookie> <name> <password>".
 */
import { openDatabase } from '@city/db';
import { startWebServer } from '@city/web';
import { DEFAULT_SESSION_POLICY, SessionService, signInAs, startUnguardedTrpcPeer } from '@city/web/testing';
import pino from 'pino';

const logger = pino({ level: 'warn' });
const db = await openDatabase({ url: process.env.DATABASE_URL ?? '', logger });
const server = await startWebServer({
  db,
  port: 0,
  host: '127.0.0.1',
  pages: false,
  realtime: { alarms: false },
  logger,
});
const viewer = await signInAs(db, server.url, 'viewer');
// The peer runs as the very principal the cookie stands for, looked up once here.
const lookup = new SessionService(db, DEFAULT_SESSION_POLICY);
const check = await lookup.check(viewer.cookie.split('=')[1]);
await lookup.close();
if (!check.ok) throw new Error(`the bench viewer's session is ${check.reason}`);
const peer = await startUnguardedTrpcPeer(db, check.principal, logger);
process.stdout.write(`ready ${server.url} ${peer.url} ${viewer.cookie} ${viewer.name} ${viewer.password}\n`);
process.on('SIGTERM', () => {
  void Promise.all([server.close(), peer.close()])
    .then(() => db.close())
    .then(() => process.exit(0));
});
