import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Database, recordGatewayHeartbeat, upsertAssets, upsertChannels } from '@city/db';
import type { Asset, Channel } from '@city/db/domain';
import type { Logger } from 'pino';
import packageJson from '../package.json' with { type: 'json' };
import { ReadingBuffer } from './buffer/reading-buffer';
import { type GatewayConfig, type GatewayConfigInput, GatewayConfigSchema } from './config';
import { GatewayMetrics } from './metrics';
import { every } from './schedule';
import { startSetpoints } from './setpoints';
import { BufferedSink, type SinkStats } from './sink/buffered-sink';
import type { DeviceStats } from './sources/device-stats';
import { startModbusDevices } from './sources/modbus/start';

const { version } = packageJson;
const HEARTBEAT_EVERY_MS = 10_000;

export interface GatewayOptions {
  db: Database;
  config: GatewayConfigInput;
  /** The cabinet this gateway sits in, for the gateways table. */
  cabinetId?: string;
  /** What this gateway feeds, registered in the database before the first poll. */
  provision?: { assets: readonly Asset[]; channels: readonly Channel[] };
  logger: Logger;
  /**
   * The time readings are stamped with (epoch ms). Default the wall clock; a recording played back
   * faster than real time passes its own clock, so history lines up with the recording.
   */
  clock?: () => number;
}

export interface RunningGateway {
  readonly id: string;
  stats(): { sink: SinkStats; devices: Record<string, DeviceStats> };
  /** Prometheus text exposition of the gateway's metrics, and its content type. */
  metrics(): Promise<{ contentType: string; body: string }>;
  /** Stops polling, then writes what is pending. */
  stop(): Promise<void>;
}

export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const config: GatewayConfig = GatewayConfigSchema.parse(options.config);
  const logger = options.logger.child({ gateway: config.gatewayId });
  if (options.provision) {
    await upsertAssets(options.db, options.provision.assets);
    await upsertChannels(options.db, options.provision.channels);
  }
  const buffer = new ReadingBuffer({
    path: config.buffer.path,
    maxRows: config.buffer.maxRows,
    maxAgeMs: config.buffer.maxAgeHours * 3_600_000,
    synchronous: config.buffer.synchronous,
  });
  let metrics: GatewayMetrics | undefined;
  const sink = new BufferedSink(options.db, buffer, config.sink, logger.child({ part: 'sink' }), (seconds) =>
    metrics?.wrote(seconds),
  );
  metrics = new GatewayMetrics(config.gatewayId, () => sink.snapshot());
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
          pkiDir: config.pki?.dir ?? join(tmpdir(), 'city-gateway-pki', config.gatewayId),
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

  const setpoints = await startSetpoints({
    db: options.db,
    gatewayId: config.gatewayId,
    writable: new Map([...modbus.writable, ...(opcua?.writable ?? [])]),
    logger: logger.child({ part: 'setpoints' }),
  });

  // The heartbeat row tells the control room this gateway lives and how much it still holds unsent.
  const heartbeat = every(
    HEARTBEAT_EVERY_MS,
    async () => {
      const sinkStats = sink.snapshot();
      await recordGatewayHeartbeat(options.db, {
        id: config.gatewayId,
        name: config.gatewayId,
        cabinetId: options.cabinetId ?? null,
        version,
        bufferDepth: sinkStats.pending,
        oldestUnsentMs: sinkStats.oldestPendingMs,
      });
    },
    (error) =>
      logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'heartbeat not recorded'),
  );

  return {
    id: config.gatewayId,
    stats: () => ({ sink: sink.snapshot(), devices: deviceStats() }),
    metrics: async () => ({ contentType: registry.contentType, body: await registry.metrics() }),
    async stop() {
      await setpoints.stop();
      await Promise.all([heartbeat.stop(), modbus.stop(), opcua?.stop()]);
      await sink.drain();
      logger.info(sink.snapshot(), 'gateway stopped');
      buffer.close();
    },
  };
}
