import { StatusCode } from '@city/db/domain';
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
