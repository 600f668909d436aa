import {
  type Database,
  mayRegisterAssets,
  messageOf,
  recordGatewayHeartbeat,
  upsertAssets,
  upsertChannels,
} from '@city/db';
import type { Asset, Channel } from '@city/domain';
import type { Logger } from 'pino';
import packageJson from '../package.json' with { type: 'json' };
import { ReadingBuffer } from './buffer/reading-buffer';
import { type GatewayConfig, type GatewayConfigInput, GatewayConfigSchema } from './config';
import { connectInBackground, DatabaseReachability, type DatabaseState } from './database-link';
import { GatewayMetrics } from './metrics';
import { pkiDirOf } from './pki';
import { every } from './schedule';
import { startSetpoints } from './setpoints';
import { BufferedSink, type SinkStats } from './sink/buffered-sink';
import type { DeviceStats } from './sources/device-stats';
import { startModbusDevices } from './sources/modbus/start';

const { version } = packageJson;
const HEARTBEAT_EVERY_MS = 10_000;

export interface GatewayOptions {
  /**
   * The database, or how to open it. Given the database, the gateway registers what it feeds and
   * listens for setpoints before it returns, and a failure there throws. Given how to open it, the
   * gateway polls into its buffer at once and connects in the background, retrying with backoff:
   * in the street the Pi often boots before its link is up.
   */
  db: Database | (() => Promise<Database>);
  config: GatewayConfigInput;
  /** The cabinet this gateway sits in, for the gateways table. */
  cabinetId?: string;
  /** What this gateway feeds, registered in the database before the first reading is sent. */
  provision?: { assets: readonly Asset[]; channels: readonly Channel[] };
  logger: Logger;
  /**
   * The time readings are stamped with (epoch ms). Default the wall clock; a recording played back
   * faster than real time passes its own clock, so history lines up with the recording.
   */
  clock?: () => number;
}

export interface BufferState {
  /** Readings taken and not yet acknowledged by the database. */
  depth: number;
  /** How long the oldest of them has waited; null when none waits. */
  oldestReadingAgeMs: number | null;
  /** The buffer's limits: beyond them the oldest readings are dropped. */
  maxRows: number;
  maxAgeMs: number;
}

export interface GatewayStats {
  database: DatabaseState;
  buffer: BufferState;
  sink: SinkStats;
  devices: Record<string, DeviceStats>;
}

export interface RunningGateway {
  readonly id: string;
  stats(): GatewayStats;
  /** Prometheus text exposition of the gateway's metrics, and its content type. */
  metrics(): Promise<{ contentType: string; body: string }>;
  /** Stops polling, then writes what is pending (and closes the database it opened itself). */
  stop(): Promise<void>;
}

type Stoppable = { stop(): Promise<void> };

export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const config: GatewayConfig = GatewayConfigSchema.parse(options.config);
  const logger = options.logger.child({ gateway: config.gatewayId });
  const reachability = new DatabaseReachability(logger.child({ part: 'database' }));
  const maxAgeMs = config.buffer.maxAgeHours * 3_600_000;
  const buffer = new ReadingBuffer({
    path: config.buffer.path,
    maxRows: config.buffer.maxRows,
    maxAgeMs,
    synchronous: config.buffer.synchronous,
  });
  let metrics: GatewayMetrics | undefined;
  const sink = new BufferedSink(
    undefined,
    buffer,
    config.sink,
    logger.child({ part: 'sink' }),
    (seconds) => {
      reachability.reached();
      metrics?.wrote(seconds);
    },
    (error) => reachability.failed(error),
  );
  metrics = new GatewayMetrics(
    config.gatewayId,
    () => sink.snapshot(),
    () => reachability.current().status === 'connected',
  );
  const registry = metrics.registry;

  const clock = options.clock ?? Date.now;
  const modbus = startModbusDevices({
    devices: config.devices.filter((device) => device.protocol !== 'opcua'),
    clock,
    metrics,
    deliver: (readings) => sink.push(readings),
    logger,
  });
  const opcUaDevices = config.devices.filter((device) => device.protocol === 'opcua');
  // node-opcua takes a second or two to load; a gateway without OPC UA devices never loads it.
  const opcua =
    opcUaDevices.length > 0
      ? await (await import('./sources/opcua')).startOpcUaDevices({
          devices: opcUaDevices,
          gatewayId: config.gatewayId,
          pkiDir: pkiDirOf(config),
          clock,
          deliver: (deviceId, readings) => {
            metrics?.received(deviceId, readings);
            sink.push(readings);
          },
          logger,
        })
      : undefined;
  const deviceStats = () => {
    const all: Record<string, DeviceStats> = structuredClone(modbus.stats);
    for (const device of opcua?.devices ?? []) all[device.id] = device.stats();
    return all;
  };

  // What needs the database, in this order: the channels exist before a reading is sent (readings of
  // unknown channels would be quarantined), and setpoints are listened for once it answers. Each step
  // is done once, so a retry after a failure picks up where it stopped.
  let stopping = false;
  let provisioned = !options.provision;
  let heartbeat: Stoppable | undefined;
  let setpoints: Stoppable | undefined;
  const online = async (db: Database) => {
    if (!provisioned && options.provision) {
      // A gateway's own role may not touch the city's registry (issue 13): `gateway db-role create`,
      // run by the operator, registers what this cabinet feeds. Other roles (development, the demo) do it here.
      if (await mayRegisterAssets(db)) {
        await upsertAssets(db, options.provision.assets);
        await upsertChannels(db, options.provision.channels);
      } else
        logger.info(
          { code: 'GW_PROVISIONED_BY_OPERATOR' },
          "this gateway's database role may not register assets: its channels come from `gateway db-role create`",
        );
      provisioned = true;
    }
    if (stopping) return;
    sink.attach(db);
    heartbeat ??= startHeartbeat(db, config.gatewayId, options.cabinetId ?? null, sink, reachability, logger);
    setpoints ??= await startSetpoints({
      db,
      gatewayId: config.gatewayId,
      writable: new Map([...modbus.writable, ...(opcua?.writable ?? [])]),
      logger: logger.child({ part: 'setpoints' }),
    });
    if (stopping) await setpoints.stop();
  };
  const opener = typeof options.db === 'function' ? options.db : undefined;
  const link = opener ? connectInBackground({ open: opener, online, reachability, logger }) : undefined;
  if (typeof options.db !== 'function') {
    reachability.reached();
    try {
      await online(options.db);
    } catch (error) {
      stopping = true;
      await Promise.all([heartbeat?.stop(), modbus.stop(), opcua?.stop()]);
      await sink.drain(0);
      buffer.close();
      throw error;
    }
  }

  return {
    id: config.gatewayId,
    stats: () => {
      const sinkStats = sink.snapshot();
      return {
        database: reachability.current(),
        buffer: {
          depth: sinkStats.pending,
          oldestReadingAgeMs: sinkStats.oldestPendingMs,
          maxRows: config.buffer.maxRows,
          maxAgeMs,
        },
        sink: sinkStats,
        devices: deviceStats(),
      };
    },
    metrics: async () => ({ contentType: registry.contentType, body: await registry.metrics() }),
    async stop() {
      stopping = true;
      const opened = await link?.stop();
      await setpoints?.stop();
      await Promise.all([heartbeat?.stop(), modbus.stop(), opcua?.stop()]);
      await sink.drain();
      logger.info(sink.snapshot(), 'gateway stopped');
      buffer.close();
      // Closing says goodbye to the server; across a dead link that goodbye is never answered.
      await Promise.race([opened?.close(), new Promise((resolve) => setTimeout(resolve, 3_000).unref())]);
    },
  };
}

/**
 * The heartbeat row tells the control room this gateway lives and how much it still holds unsent.
 * While the database is away it fails quietly: the reachability says so once.
 */
function startHeartbeat(
  db: Database,
  gatewayId: string,
  cabinetId: string | null,
  sink: BufferedSink,
  reachability: DatabaseReachability,
  logger: Logger,
): Stoppable {
  return every(
    HEARTBEAT_EVERY_MS,
    async () => {
      const sinkStats = sink.snapshot();
      await recordGatewayHeartbeat(db, {
        id: gatewayId,
        name: gatewayId,
        cabinetId,
        version,
        bufferDepth: sinkStats.pending,
        oldestUnsentMs: sinkStats.oldestPendingMs,
      });
      reachability.reached();
    },
    (error) => {
      reachability.failed(error);
      logger.debug({ err: messageOf(error) }, 'heartbeat not recorded');
    },
  );
}
