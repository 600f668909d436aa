import { type Database, migrate, openDatabase, startMaintenance } from '@city/db';
import { gatewayConfigForCabinet, type RunningGateway, startGateway } from '@city/gateway';
import { type City, loadCity } from '@city/hardware/city';
import { type RunningCabinet, startCabinet } from '@city/hardware/simulators';
import { type RunningWebServer, startWebServer } from '@city/web';
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
  /** Where each cabinet listens; default the port in the city file, 0 for a free one. */
  cabinetPort?: number | undefined;
  pollIntervalMs?: number;
  logger: Logger;
}

export interface RunningStack {
  url: string;
  db: Database;
  cabinets: RunningCabinet[];
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

    const cabinets: RunningCabinet[] = [];
    const gateways: RunningGateway[] = [];
    for (const cabinet of city.cabinets) {
      const field = await startCabinet(cabinet, {
        host: '127.0.0.1',
        port: options.cabinetPort ?? cabinet.modbus.port,
        logger: logger.child({ part: 'cabinet' }),
      });
      cabinets.push(field);
      started.push(field);
      const { config, provision } = gatewayConfigForCabinet(city, cabinet.id, {
        host: '127.0.0.1',
        port: field.port,
        pollIntervalMs: options.pollIntervalMs ?? 1000,
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

    const web = await startWebServer({
      db,
      port: options.port,
      ...(options.host ? { host: options.host } : {}),
      pages: options.pages,
      logger: logger.child({ part: 'web' }),
    });

    let stopping: Promise<void> | undefined;
    return {
      url: web.url,
      db,
      cabinets,
      gateways,
      web,
      stop() {
        stopping ??= (async () => {
          // Gateways first so their last readings reach the database; the database last.
          for (const gateway of gateways) await gateway.stop();
          for (const cabinet of cabinets) await cabinet.stop();
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
