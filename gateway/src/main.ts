/** The gateway as its own process (docker-compose, a Raspberry Pi in a cabinet). */
import { join } from 'node:path';
import { migrate, openDatabase } from '@city/db';
import { loadCity } from '@city/hardware/city';
import pino from 'pino';
import { readEnv } from './env';
import { gatewayConfigForCabinet } from './from-city';
import { startGateway } from './gateway';
import { serveHealth } from './health';

const bootLogger = pino({ name: 'gateway' });
try {
  const env = readEnv();
  const logger = pino({ name: 'gateway', level: env.LOG_LEVEL });
  const city = loadCity(env.GATEWAY_CITY_FILE);
  const generated = gatewayConfigForCabinet(city, env.GATEWAY_CABINET, {
    host: env.CABINET_HOST,
    port: env.CABINET_PORT,
    pollIntervalMs: env.GATEWAY_POLL_INTERVAL_MS,
  });
  const bufferPath = env.GATEWAY_BUFFER_PATH ?? join('.data', 'gateway', `${env.GATEWAY_CABINET}.sqlite`);
  const config = { ...generated.config, buffer: { path: bufferPath } };
  const { provision } = generated;
  const db = await openDatabase({ url: env.DATABASE_URL, dataDir: env.CITY_DATA_DIR, logger });
  await migrate(db, { logger });
  const gateway = await startGateway({ db, config, provision, cabinetId: env.GATEWAY_CABINET, logger });
  const health = env.HEALTH_PORT > 0 ? await serveHealth(gateway, env.HEALTH_PORT) : undefined;
  if (health) logger.info({ url: `http://localhost:${health.port}/healthz` }, 'health endpoint');
  logger.info({ buffer: bufferPath }, 'gateway running');
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    health?.close();
    await gateway.stop();
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
} catch (error) {
  bootLogger.fatal(error instanceof Error ? error.message : String(error));
  process.exitCode = 2;
}
