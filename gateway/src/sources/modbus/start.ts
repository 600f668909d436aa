import type { Reading } from '@city/domain';
import { findPoint } from '@city/hardware/profiles';
import type { Logger } from 'pino';
import type { Deadband, ModbusDeviceConfig } from '../../config';
import type { GatewayMetrics } from '../../metrics';
import { ReportFilter } from '../../report-filter';
import { every } from '../../schedule';
import type { SetpointTarget } from '../../setpoints';
import { StaleWatch } from '../../stale-watch';
import type { DeviceStats } from '../device-stats';
import { ModbusClient } from './client';
import { ModbusDevice } from './device';
import { profileOf } from './profile';
import { modbusSetpointTarget } from './setpoint-target';

/** A point is stale when no poll has refreshed it within this many intervals. */
const STALE_AFTER_INTERVALS = 3;

export interface ModbusSourceOptions {
  devices: readonly ModbusDeviceConfig[];
  clock: () => number;
  metrics: GatewayMetrics;
  deliver(readings: readonly Reading[]): void;
  logger: Logger;
}

export interface RunningModbusSource {
  stats: Record<string, DeviceStats>;
  /** Channel id → where a setpoint for it is written. */
  writable: Map<string, SetpointTarget>;
  stop(): Promise<void>;
}

/** Devices behind one TCP bridge, or on one serial line, share one connection. */
function endpointOf(device: ModbusDeviceConfig): string {
  return device.protocol === 'modbus-tcp' ? `${device.host}:${device.port}` : `serial:${device.serial.path}`;
}

function clientFor(device: ModbusDeviceConfig): ModbusClient {
  return new ModbusClient(
    device.protocol === 'modbus-tcp'
      ? { kind: 'tcp', host: device.host, port: device.port, timeoutMs: device.timeoutMs }
      : { kind: 'rtu', ...device.serial, timeoutMs: device.timeoutMs },
  );
}

/** Each point's deadband in its own unit: a percent deadband is of the profile's display range. */
function absoluteDeadbands(device: ModbusDeviceConfig): Map<string, number> {
  const profile = profileOf(device);
  const deadbands = new Map<string, number>();
  for (const binding of device.points) {
    const deadband: Deadband | undefined = binding.deadband ?? device.deadband;
    if (!deadband) continue;
    const [low, high] = findPoint(profile, binding.point).displayRange;
    deadbands.set(
      binding.channelId,
      deadband.type === 'absolute' ? deadband.value : (deadband.value / 100) * Math.abs(high - low),
    );
  }
  return deadbands;
}

/**
 * Polls every Modbus device on its own drift-free schedule. A poll never throws: failures arrive as
 * bad quality. Readings pass the device's deadband, and a point that no poll refreshed within three
 * intervals (a bus held up by dead slaves, a device that answers too slowly) is recorded as stale.
 */
export function startModbusDevices(options: ModbusSourceOptions): RunningModbusSource {
  const { metrics, logger } = options;
  const clients = new Map<string, ModbusClient>();
  const stats: Record<string, DeviceStats> = {};
  const writable = new Map<string, SetpointTarget>();
  const watches: { watch: StaleWatch; device: ModbusDevice }[] = [];

  const schedules = options.devices.map((config) => {
    const endpoint = endpointOf(config);
    let client = clients.get(endpoint);
    if (!client) {
      client = clientFor(config);
      clients.set(endpoint, client);
    }
    const profile = profileOf(config);
    for (const { point: name, channelId } of config.points) {
      const point = findPoint(profile, name);
      if (point.access === 'read-write') {
        writable.set(channelId, modbusSetpointTarget(config.id, config.unitId, point, client));
      }
    }
    const device = new ModbusDevice(config, client, options.clock);
    const filter = new ReportFilter(absoluteDeadbands(config), config.heartbeatMs);
    const watch = new StaleWatch(
      config.points.map((point) => point.channelId),
      STALE_AFTER_INTERVALS * config.pollIntervalMs,
    );
    watches.push({ watch, device });
    const deviceLogger = logger.child({ device: device.id, endpoint, unitId: config.unitId });
    const deviceStats: DeviceStats = { polls: 0, failedPolls: 0, lastPollMs: null, lastError: null };
    stats[device.id] = deviceStats;
    deviceLogger.info({ blocks: device.blockCount, everyMs: config.pollIntervalMs }, 'polling device');
    return every(
      config.pollIntervalMs,
      async () => {
        const started = performance.now();
        const { readings, errors } = await device.poll();
        deviceStats.polls += 1;
        deviceStats.lastPollMs = performance.now() - started;
        metrics.polled(
          device.id,
          deviceStats.lastPollMs / 1000,
          readings,
          errors.map((error) => error.kind),
        );
        watch.refreshed(readings);
        const firstError = errors[0];
        if (firstError) {
          deviceStats.failedPolls += 1;
          // Log a failure when it starts or changes, not once a second while a device stays dead.
          if (deviceStats.lastError !== firstError.message)
            deviceLogger.warn({ err: firstError.message }, 'device read failed');
          deviceStats.lastError = firstError.message;
        } else if (deviceStats.lastError !== null) {
          deviceLogger.info('device answering again');
          deviceStats.lastError = null;
        }
        options.deliver(filter.select(readings));
      },
      (error) =>
        deviceLogger.error(
          { err: error instanceof Error ? error.message : String(error) },
          'poll cycle failed',
        ),
    );
  });

  const shortestInterval = Math.min(...options.devices.map((device) => device.pollIntervalMs));
  const staleCheck =
    options.devices.length > 0
      ? setInterval(() => {
          for (const { watch, device } of watches) {
            const stale = watch.newlyStale();
            if (stale.length === 0) continue;
            logger.warn({ device: device.id, points: stale.length }, 'points not refreshed: marked stale');
            metrics.stale(device.id, stale.length);
            options.deliver(device.staleMarkers(stale));
          }
        }, shortestInterval)
      : undefined;

  return {
    stats,
    writable,
    async stop() {
      clearInterval(staleCheck);
      await Promise.all(schedules.map((schedule) => schedule.stop()));
      await Promise.all([...clients.values()].map((client) => client.close()));
    },
  };
}
