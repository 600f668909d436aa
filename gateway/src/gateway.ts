import { type Database, recordGatewayHeartbeat, upsertAssets, upsertChannels } from '@city/db';
import type { Asset, Channel } from '@city/db/domain';
import { findPoint, loadProfile } from '@city/hardware/profiles';
import type { Logger } from 'pino';
import packageJson from '../package.json' with { type: 'json' };
import { ReadingBuffer } from './buffer/reading-buffer';
import {
  type GatewayConfig,
  type GatewayConfigInput,
  GatewayConfigSchema,
  type ModbusDeviceConfig,
} from './config';
import { GatewayMetrics } from './metrics';
import { every } from './schedule';
import { startSetpoints, type WritablePoint } from './setpoints';
import { BufferedSink, type SinkStats } from './sink/buffered-sink';
import { ModbusClient } from './sources/modbus/client';
import { ModbusDevice } from './sources/modbus/device';

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

export interface DeviceStats {
  polls: number;
  failedPolls: number;
  lastPollMs: number | null;
  lastError: string | null;
}

export interface RunningGateway {
  readonly id: string;
  stats(): { sink: SinkStats; devices: Record<string, DeviceStats> };
  /** Prometheus text exposition of the gateway's metrics, and its content type. */
  metrics(): Promise<{ contentType: string; body: string }>;
  /** Stops polling, then writes what is pending. */
  stop(): Promise<void>;
}

/** Devices behind one TCP bridge, or on one serial line, share one connection. */
function endpointOf(device: ModbusDeviceConfig): string {
  return device.protocol === 'modbus-tcp' ? `${device.host}:${device.port}` : `serial:${device.serial.path}`;
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

  // Devices behind one bridge share its TCP connection, as a cabinet's single Modbus gateway would.
  const clients = new Map<string, ModbusClient>();
  const deviceStats: Record<string, DeviceStats> = {};
  const schedules = config.devices.map((deviceConfig) => {
    const endpoint = endpointOf(deviceConfig);
    let client = clients.get(endpoint);
    if (!client) {
      client = new ModbusClient(
        deviceConfig.protocol === 'modbus-tcp'
          ? {
              kind: 'tcp',
              host: deviceConfig.host,
              port: deviceConfig.port,
              timeoutMs: deviceConfig.timeoutMs,
            }
          : { kind: 'rtu', ...deviceConfig.serial, timeoutMs: deviceConfig.timeoutMs },
      );
      clients.set(endpoint, client);
    }
    const device = new ModbusDevice(deviceConfig, client, options.clock);
    const deviceLogger = logger.child({ device: device.id, endpoint, unitId: deviceConfig.unitId });
    const stats: DeviceStats = { polls: 0, failedPolls: 0, lastPollMs: null, lastError: null };
    deviceStats[device.id] = stats;
    deviceLogger.info({ blocks: device.blockCount, everyMs: deviceConfig.pollIntervalMs }, 'polling device');
    return every(
      deviceConfig.pollIntervalMs,
      async () => {
        const started = performance.now();
        const { readings, errors } = await device.poll();
        stats.polls += 1;
        stats.lastPollMs = performance.now() - started;
        metrics?.polled(
          device.id,
          stats.lastPollMs / 1000,
          readings,
          errors.map((error) => error.kind),
        );
        const firstError = errors[0];
        if (firstError) {
          stats.failedPolls += 1;
          // Log a failure when it starts or changes, not once a second while a device stays dead.
          if (stats.lastError !== firstError.message)
            deviceLogger.warn({ err: firstError.message }, 'device read failed');
          stats.lastError = firstError.message;
        } else if (stats.lastError !== null) {
          deviceLogger.info('device answering again');
          stats.lastError = null;
        }
        sink.push(readings);
      },
      (error) =>
        deviceLogger.error(
          { err: error instanceof Error ? error.message : String(error) },
          'poll cycle failed',
        ),
    );
  });

  const writable = new Map<string, WritablePoint>();
  for (const deviceConfig of config.devices) {
    const profile = loadProfile(deviceConfig.profile);
    const client = clients.get(endpointOf(deviceConfig));
    for (const { point: name, channelId } of deviceConfig.points) {
      const point = findPoint(profile, name);
      if (point.access === 'read-write' && client) {
        writable.set(channelId, { deviceId: deviceConfig.id, unitId: deviceConfig.unitId, point, client });
      }
    }
  }
  const setpoints = await startSetpoints({
    db: options.db,
    gatewayId: config.gatewayId,
    writable,
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
    stats: () => ({ sink: sink.snapshot(), devices: structuredClone(deviceStats) }),
    metrics: async () => ({ contentType: registry.contentType, body: await registry.metrics() }),
    async stop() {
      await setpoints.stop();
      await Promise.all([heartbeat, ...schedules].map((schedule) => schedule.stop()));
      await sink.drain();
      await Promise.all([...clients.values()].map((client) => client.close()));
      logger.info(sink.snapshot(), 'gateway stopped');
      buffer.close();
    },
  };
}
