/** The gateway as its own process (docker-compose, a Raspberry Pi in a cabinet). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Database, isGatewayRole, migrate, openDatabase } from '@city/db';
import { loadCity } from '@city/hardware/city';
import pino from 'pino';
import { DEFAULT_HEALTH_HOST } from './config';
import { configWarnings, loadGatewayConfigFile } from './config-file';
import { readEnv } from './env';
import { gatewayConfigForCabinet } from './from-city';
import { startGateway } from './gateway';
import { serveHealth } from './health';
import { notifySystemd } from './systemd';

const bootLogger = pino({ name: 'gateway' });
/**
 * Over a cellular link a connect may take seconds; one that has not answered in 10 has died. A
 * statement (a batch of 1,000 readings) answers in well under a second: after 30 s the link is dead.
 */
const SERVER_TIMEOUTS = { connectMs: 10_000, queryMs: 30_000 };
try {
  const env = readEnv();
  const logger = pino({ name: 'gateway', level: env.LOG_LEVEL });
  // A config file (a deployed cabinet) is used as it is, on a database whose schema the control room
  // keeps; without one (docker-compose, development) the config is generated from the city file and
  // the gateway registers its assets and channels itself.
  const fromFile = env.GATEWAY_CONFIG ? loadGatewayConfigFile(env.GATEWAY_CONFIG) : undefined;
  if (fromFile && env.GATEWAY_CONFIG)
    for (const line of configWarnings(fromFile, env.GATEWAY_CONFIG)) logger.warn(line);
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
  // A server may be out of reach for hours (a cabinet booting before its link); the gateway polls into
  // its buffer meanwhile and opens the server in the background. The embedded database is local:
  // when it cannot be opened something is wrong on this machine, and the gateway says so at once.
  const open = async (): Promise<Database> => {
    const db = await openDatabase({ url, dataDir: env.CITY_DATA_DIR, logger, timeouts: SERVER_TIMEOUTS });
    try {
      // A gateway's own role migrates nothing: the control room keeps the schema (issue 13).
      if (!generated || (await isGatewayRole(db))) return db;
      await migrate(db, { logger });
      return db;
    } catch (error) {
      await db.close().catch(() => {});
      throw error;
    }
  };
  const local = url ? undefined : await open();
  const gateway = await startGateway({
    db: local ?? open,
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
  // Loopback unless the config (health.host) or HEALTH_HOST names another address.
  const healthHost = env.HEALTH_HOST ?? fromFile?.health.host ?? DEFAULT_HEALTH_HOST;
  const health = env.HEALTH_PORT > 0 ? await serveHealth(gateway, env.HEALTH_PORT, healthHost) : undefined;
  if (health) {
    const host = health.host.includes(':') ? `[${health.host}]` : health.host;
    logger.info({ url: `http://${host}:${health.port}/healthz` }, 'health endpoint');
  }
  logger.info({ buffer: bufferPath }, 'gateway running');
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    health?.close();
    systemd.stop();
    await gateway.stop();
    await local?.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
} catch (error) {
  bootLogger.fatal(error instanceof Error ? error.message : String(error));
  process.exitCode = 2;
}
