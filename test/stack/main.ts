/** `npm start`: the whole city on this machine — virtual cabinets, gateway, database, control room. */
import { AMSTERDAM_CITY_FILE, loadCity } from '@city/hardware/city';
import { accessFromEnv, type BasemapSetting, basemapFromEnv } from '@city/web';
import { ensureWebBuild } from '@city/web/build';
import { readEnv } from './env';
import { createLogger } from './logger';
import { startStack } from './stack';

let env: ReturnType<typeof readEnv>;
let basemap: BasemapSetting | undefined;
try {
  env = readEnv();
  basemap = basemapFromEnv(env);
} catch (error) {
  console.error(`Cannot start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
}
const logger = createLogger({ level: env.LOG_LEVEL, format: env.LOG_FORMAT });

try {
  logger.info(
    env.DATABASE_URL
      ? 'starting the city on the PostgreSQL server in DATABASE_URL'
      : `starting the city on the embedded TimescaleDB in ${env.CITY_DATA_DIR}`,
  );
  await ensureWebBuild(logger.child({ part: 'build' }));
  const city = loadCity(env.CITY_FILE ?? AMSTERDAM_CITY_FILE);
  const stack = await startStack({
    city,
    url: env.DATABASE_URL,
    dataDir: env.CITY_DATA_DIR,
    port: env.PORT,
    host: env.HOST,
    pages: true,
    access: accessFromEnv(env),
    basemap,
    cabinetPort: env.CABINET_PORT,
    cabinetControlPort: env.CABINET_CONTROL_PORT,
    pollIntervalMs: env.POLL_INTERVAL_MS,
    alarmWebhook: env.ALARM_WEBHOOK_URL
      ? { url: env.ALARM_WEBHOOK_URL, maxPriority: env.ALARM_WEBHOOK_MAX_PRIORITY }
      : undefined,
    logger,
  });
  const shownUrl = `http://localhost:${stack.web.port}`;
  if (stack.cabinetControlUrl) {
    logger.info(
      { url: stack.cabinetControlUrl },
      `cabinet fault injection at ${stack.cabinetControlUrl}/cabinets (see hardware/README.md)`,
    );
  }
  logger.info({ url: shownUrl }, `control room ready at ${shownUrl} — press Ctrl-C to stop`);

  let signals = 0;
  const stop = (signal: NodeJS.Signals) => {
    signals += 1;
    if (signals > 1) {
      logger.warn('second interrupt: exiting without a clean shutdown');
      process.exit(130);
    }
    logger.info({ signal }, 'stopping: flushing the gateway, closing the database (Ctrl-C again to force)');
    stack.stop().then(
      () => {
        logger.info('stopped cleanly');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error instanceof Error ? error.message : String(error) }, 'unclean stop');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (error) {
  logger.fatal(error instanceof Error ? error.message : String(error));
  logger.flush();
  process.exit(1);
}
