import { StatusCode } from '@city/domain';
import { findCabinet, loadCity } from '@city/hardware/city';
import { type RunningCabinet, startCabinet } from '@city/hardware/simulators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatewayConfigSchema, type ModbusDeviceConfig } from '../../config';
import { gatewayConfigForCabinet } from '../../from-city';
import { ModbusClient } from './client';
import { ModbusDevice } from './device';

let cabinet: RunningCabinet;
let client: ModbusClient;
beforeAll(async () => {
  cabinet = await startCabinet(findCabinet(loadCity(), 'cab-vondelpark'), { port: 0 });
  client = new ModbusClient({ kind: 'tcp', host: cabinet.host, port: cabinet.port, timeoutMs: 1_000 });
});
afterAll(async () => {
  await client?.close();
  await cabinet?.stop();
});

describe('a Modbus device', () => {
  it('never stamps a reading in the millisecond of a stale marker, so the database keeps both', async () => {
    const { config } = gatewayConfigForCabinet(loadCity(), 'cab-vondelpark', { port: cabinet.port });
    const [deviceConfig] = GatewayConfigSchema.parse(config).devices as ModbusDeviceConfig[];
    if (!deviceConfig) throw new Error('the cabinet has no device');
    const frozenClock = () => 1_000_000;
    const device = new ModbusDevice(deviceConfig, client, frozenClock);
    const markers = device.staleMarkers(['aq-vondelpark/no2']);
    expect(markers).toEqual([
      {
        channelId: 'aq-vondelpark/no2',
        value: null,
        statusCode: StatusCode.UncertainLastUsableValue,
        sourceTime: new Date(1_000_000),
      },
    ]);
    const { readings } = await device.poll();
    expect(readings.length).toBeGreaterThan(0);
    for (const reading of readings) expect(reading.sourceTime.getTime()).toBe(1_000_001);
  });
});

/** A one-off controller with no shipped profile: its registers are written out in the config. */
describe('inline registers', () => {
  it('are read and decoded as a profile would be', async () => {
    const config = GatewayConfigSchema.parse({
      gatewayId: 'gw-inline',
      devices: [
        {
          id: 'logger',
          protocol: 'modbus-tcp',
          host: cabinet.host,
          port: cabinet.port,
          unitId: 1,
          registers: [
            {
              name: 'nitrogen_dioxide',
              label: 'NO2',
              metric: 'no2',
              unit: 'µg/m³',
              table: 'input-register',
              address: 0,
              type: 'float32',
              displayRange: [0, 200],
            },
          ],
          points: [{ point: 'nitrogen_dioxide', channelId: 'aq-vondelpark/no2' }],
        },
      ],
    });
    cabinet.setPointValue('vondelpark-aq-logger', 'no2', 42.5);
    const device = new ModbusDevice(config.devices[0] as ModbusDeviceConfig, client);
    const { readings } = await device.poll();
    expect(readings).toEqual([
      {
        channelId: 'aq-vondelpark/no2',
        value: 42.5,
        statusCode: StatusCode.Good,
        sourceTime: expect.any(Date),
      },
    ]);
  });

  it('or a profile, exactly one of the two', () => {
    const device = { id: 'd', protocol: 'modbus-tcp', host: 'h', port: 502, unitId: 1, points: [] };
    const parse = (extra: object) =>
      GatewayConfigSchema.safeParse({
        gatewayId: 'gw',
        devices: [{ ...device, ...extra, points: [{ point: 'no2', channelId: 'a/no2' }] }],
      });
    expect(parse({}).error?.issues[0]?.message).toMatch(/name a profile .* or write out its registers/);
    expect(parse({ profile: 'air-quality-station' }).success).toBe(true);
  });
});
