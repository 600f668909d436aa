/**
 * The control room as its own process (docker-compose: `web` next to TimescaleDB and the gateway).
 * `npm start` at the repository root composes the same startWebServer in one process instead.
 */
import { migrate, openDatabase, startMaintenance } from '@city/db';
import pino from 'pino';
import { accessFromEnv } from './src/server/auth/access-options';
import { basemapFromEnv } from './src/server/basemap/basemap-setting';
import { ensureWebBuild } from './src/server/build';
import { loadWebEnv } from './src/server/env';
import { startWebServer } from './src/server/index';

const env = loadWebEnv();
const logger = pino({ name: 'web', level: env.LOG_LEVEL });

const db = await openDatabase({
  url: env.DATABASE_URL,
  dataDir: env.DATABASE_URL ? undefined : env.CITY_DATA_DIR,
  logger: logger.child({ component: 'db' }),
});
// Several services may start at once; migrate takes an advisory lock and is a no-op when current.
await migrate(db, { logger: logger.child({ component: 'migrate' }) });
// Rollups and retention where the server does not run them itself (a no-op on a TimescaleDB server).
const maintenance = startMaintenance(db, { logger: logger.child({ component: 'maintenance' }) });
await ensureWebBuild(logger);
const server = await startWebServer({
  db,
  port: env.PORT,
  host: env.HOST,
  logger,
  access: accessFromEnv(env),
  basemap: basemapFromEnv(env),
  // On a server, instances share their screens' rooms, on a channel only CLUSTER_SECRET names.
  ...(env.DATABASE_URL
    ? { realtime: { clusterUrl: env.DATABASE_URL, clusterSecret: env.CLUSTER_SECRET } }
    : {}),
});

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'stopping the control room');
  await server.close();
  await maintenance.stop();
  await db.close();
  process.exit(0);
}
process.once('SIGINT', () => void stop('SIGINT'));
process.once('SIGTERM', () => void stop('SIGTERM'));
