/** The gateway as its own process (docker-compose, a Raspberry Pi in a cabinet). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { migrate, openDatabase } from '@city/db';
import { loadCity } from '@city/hardware/city';
import pino from 'pino';
import { loadGatewayConfigFile } from './config-file';
import { readEnv } from './env';
import { gatewayConfigForCabinet } from './from-city';
import { startGateway } from './gateway';
import { serveHealth } from './health';
import { notifySystemd } from './systemd';

const bootLogger = pino({ name: 'gateway' });
try {
  const env = readEnv();
  const logger = pino({ name: 'gateway', level: env.LOG_LEVEL });
  // A config file (a deployed cabinet) is used as it is, on a database whose schema the control room
  // keeps; without one (docker-compose, development) the config is generated from the city file and
  // the gateway registers its assets and channels itself.
  const fromFile = env.GATEWAY_CONFIG ? loadGatewayConfigFile(env.GATEWAY_CONFIG) : undefined;
  const generated = fromFile
    ? undefined
    : gatewayConfigForCabinet(loadCity(env.GATEWAY_CITY_FILE), env.GATEWAY_CABINET, {
        host: env.CABINET_HOST,
        port: env.CABINET_PORT,
        pollIntervalMs: env.GATEWAY_POLL_INTERVAL_MS,
      });
  const base = fromFile ?? generated?.config;
  if (!base) throw new Error('no gateway config');
  const bufferPath =
    env.GATEWAY_BUFFER_PATH ??
    fromFile?.buffer.path ??
    join('.data', 'gateway', `${env.GATEWAY_CABINET}.sqlite`);
  const config = { ...base, buffer: { ...fromFile?.buffer, path: bufferPath } };
  const urlFile = fromFile?.database?.urlFile;
  const url = env.DATABASE_URL ?? (urlFile ? readFileSync(urlFile, 'utf8').trim() : undefined);
  const db = await openDatabase({ url, dataDir: env.CITY_DATA_DIR, logger });
  if (generated) await migrate(db, { logger });
  const gateway = await startGateway({
    db,
    config,
    ...(generated ? { provision: generated.provision } : {}),
    cabinetId: env.GATEWAY_CABINET,
    logger,
  });
  const systemd = notifySystemd(
    { notifySocket: env.NOTIFY_SOCKET, watchdogUsec: env.WATCHDOG_USEC },
    () => Object.values(gateway.stats().devices).reduce((sum, device) => sum + device.polls, 0),
    logger,
  );
  const health = env.HEALTH_PORT > 0 ? await serveHealth(gateway, env.HEALTH_PORT) : undefined;
  if (health) logger.info({ url: `http://localhost:${health.port}/healthz` }, 'health endpoint');
  logger.info({ buffer: bufferPath }, 'gateway running');
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    health?.close();
    systemd.stop();
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
