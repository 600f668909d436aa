import { type Database, migrate, openDatabase, startMaintenance, upsertAlarmRules } from '@city/db';
import type { AlarmRule } from '@city/domain';
import { gatewayConfigForCabinet, type RunningGateway, startGateway } from '@city/gateway';
import { type City, loadAlarmRules, loadCity } from '@city/hardware/city';
import { type RunningCabinet, type RunningCity, startCity } from '@city/hardware/simulators';
import { type AccessOptions, type BasemapSetting, type RunningWebServer, startWebServer } from '@city/web';
import type { Logger } from 'pino';

export interface StackOptions {
  /** An open database to use; otherwise one is opened from url or dataDir and closed on stop. */
  db?: Database;
  url?: string | undefined;
  dataDir?: string | undefined;
  city?: City;
  port: number;
  host?: string;
  /** Serve the control-room pages (needs the Next build); false serves only the APIs and Socket.IO. */
  pages: boolean;
  /** Public URL, hosts and session timeouts of the control room (see AccessOptions). */
  access?: AccessOptions;
  /** The city's own base map (BASEMAP_STYLE); default the shipped one. */
  basemap?: BasemapSetting | undefined;
  /** Where the cabinets listen: default the ports in the city file; N puts them on N, N + 1, ...; 0 on free ones. */
  cabinetPort?: number | undefined;
  /** The cabinets' fault-injection API on loopback; 0 picks a free port; undefined serves none. */
  cabinetControlPort?: number | undefined;
  pollIntervalMs?: number;
  /** Where urgent alarms are POSTed (see ALARM_WEBHOOK_URL). */
  alarmWebhook?: { url: string; maxPriority: number } | undefined;
  /** Alarm rules put in place at start where their ids are new. Default: the demo city's rules. */
  alarmRules?: readonly AlarmRule[];
  logger: Logger;
}

export interface RunningStack {
  url: string;
  db: Database;
  cabinets: readonly RunningCabinet[];
  /** Where faults are switched, if a control port was asked for. */
  cabinetControlUrl: string | undefined;
  gateways: RunningGateway[];
  web: RunningWebServer;
  stop(): Promise<void>;
}

/**
 * The whole city in one process: database, virtual cabinets, their gateways and the control room.
 * One process because the embedded TimescaleDB serves a single connection, which every part shares.
 */
export async function startStack(options: StackOptions): Promise<RunningStack> {
  const { logger } = options;
  const city = options.city ?? loadCity();
  const ownsDb = options.db === undefined;
  const db =
    options.db ??
    (await openDatabase({
      url: options.url,
      dataDir: options.dataDir,
      logger: logger.child({ part: 'db' }),
    }));
  const started: { stop(): Promise<void> }[] = [];
  try {
    const report = await migrate(db, { logger: logger.child({ part: 'db' }) });
    logger.info(
      { schema: report.current, timescaledb: report.timescaledb, database: db.location },
      report.timescaledb
        ? 'database ready (TimescaleDB)'
        : 'database ready (plain PostgreSQL, no TimescaleDB)',
    );

    // Rollups, compression and retention: run here when no server scheduler does (embedded, plain PostgreSQL).
    const maintenance = startMaintenance(db, { logger: logger.child({ part: 'db' }) });
    started.push(maintenance);

    const field: RunningCity = await startCity(city, {
      host: '127.0.0.1',
      ...(options.cabinetPort === undefined ? {} : { basePort: options.cabinetPort }),
      ...(options.cabinetControlPort === undefined ? {} : { controlPort: options.cabinetControlPort }),
      logger: logger.child({ part: 'cabinet' }),
    });
    started.push(field);
    const { cabinets } = field;
    const gateways: RunningGateway[] = [];
    for (const cabinet of cabinets) {
      const { config, provision } = gatewayConfigForCabinet(city, cabinet.id, {
        host: '127.0.0.1',
        port: cabinet.port,
        pollIntervalMs: options.pollIntervalMs ?? 1000,
        // Pumping stations serve OPC UA: their gateways subscribe there, as the real ones would.
        ...(cabinet.opcUaEndpoint ? { opcUa: { endpointUrl: cabinet.opcUaEndpoint } } : {}),
      });
      const gateway = await startGateway({
        db,
        config,
        provision,
        cabinetId: cabinet.id,
        logger: logger.child({ part: 'gateway' }),
      });
      gateways.push(gateway);
      started.push(gateway);
    }

    // After the gateways registered their channels, so rules find what they target.
    await upsertAlarmRules(db, options.alarmRules ?? loadAlarmRules(), { keepExisting: true });
    const web = await startWebServer({
      db,
      port: options.port,
      ...(options.host ? { host: options.host } : {}),
      pages: options.pages,
      ...(options.access ? { access: options.access } : {}),
      ...(options.basemap ? { basemap: options.basemap } : {}),
      // Several instances of the control room on one server share their screens' rooms.
      realtime: {
        clusterUrl: db.backend === 'postgres' ? options.url : undefined,
        alarmWebhook: options.alarmWebhook,
      },
      logger: logger.child({ part: 'web' }),
    });

    let stopping: Promise<void> | undefined;
    return {
      url: web.url,
      db,
      cabinets,
      cabinetControlUrl: field.control?.url,
      gateways,
      web,
      stop() {
        stopping ??= (async () => {
          // Gateways first so their last readings reach the database; the database last.
          for (const gateway of gateways) await gateway.stop();
          await field.stop();
          await web.close();
          await maintenance.stop();
          if (ownsDb) await db.close();
        })();
        return stopping;
      },
    };
  } catch (error) {
    for (const part of started.reverse()) await part.stop().catch(() => {});
    if (ownsDb) await db.close().catch(() => {});
    throw error;
  }
}
