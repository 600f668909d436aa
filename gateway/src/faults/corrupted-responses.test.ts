import { StatusCode, severityOf } from '@city/domain';
import { findCabinet, loadCity } from '@city/hardware/city';
import { type RunningCabinet, startCabinet } from '@city/hardware/simulators';
import { afterAll, describe, expect, it } from 'vitest';
import { ModbusClient } from '../sources/modbus/client';
import { ModbusDevice } from '../sources/modbus/device';

/**
 * 10,000 corrupted Modbus TCP answers (the cabinet's "corrupt" fault: flipped bytes, frames cut short,
 * lying length fields, answers to other requests, noise) against the gateway's Modbus adapter, over ten
 * connections at once. Nothing may crash; every failed read shows as bad quality on its points; and
 * once the fault is off, every connection reads the true values again.
 */
const CONNECTIONS = 10;
const POLLS_EACH = 1_000;
const AIR = 'vondelpark-aq-logger';

let cabinet: RunningCabinet | undefined;
const clients: ModbusClient[] = [];
afterAll(async () => {
  for (const client of clients) await client.close();
  await cabinet?.stop();
});

describe('corrupted responses', () => {
  it(`survives ${CONNECTIONS * POLLS_EACH} of them and marks what failed as bad`, async () => {
    cabinet = await startCabinet(findCabinet(loadCity(), 'cab-vondelpark'), { port: 0 });
    const devices = Array.from({ length: CONNECTIONS }, (_, i) => {
      const client = new ModbusClient({
        kind: 'tcp',
        host: cabinet?.host ?? '',
        port: cabinet?.port ?? 0,
        timeoutMs: 30,
      });
      clients.push(client);
      return new ModbusDevice(
        {
          id: `${AIR}-${i}`,
          protocol: 'modbus-tcp',
          host: cabinet?.host ?? '',
          port: cabinet?.port ?? 0,
          unitId: 1,
          profile: 'air-quality-station',
          pollIntervalMs: 1_000,
          timeoutMs: 30,
          heartbeatMs: 60_000,
          points: [
            { point: 'no2', channelId: 'aq-vondelpark/no2' },
            { point: 'pm10', channelId: 'aq-vondelpark/pm10' },
          ],
        },
        client,
      );
    });
    cabinet.setPointValue(AIR, 'no2', 42.5);
    cabinet.setPointValue(AIR, 'pm10', 17.25);
    cabinet.setFault(AIR, { kind: 'corrupt' });

    const outcomes = { good: 0, bad: 0, failedPolls: 0 };
    const errorKinds = new Set<string>();
    await Promise.all(
      devices.map(async (device) => {
        for (let poll = 0; poll < POLLS_EACH; poll++) {
          const { readings, errors } = await device.poll();
          for (const error of errors) errorKinds.add(error.kind);
          if (errors.length > 0) {
            outcomes.failedPolls += 1;
            expect(readings.every((reading) => severityOf(reading.statusCode) === 'bad')).toBe(true);
          }
          for (const reading of readings)
            outcomes[severityOf(reading.statusCode) === 'good' ? 'good' : 'bad'] += 1;
        }
      }),
    );
    expect(outcomes.good + outcomes.bad).toBe(CONNECTIONS * POLLS_EACH * 2);
    // Most corruption is caught (timeouts, broken frames); a flipped data byte is not, as Modbus TCP has no checksum.
    expect(outcomes.failedPolls).toBeGreaterThan(CONNECTIONS * POLLS_EACH * 0.5);
    expect(errorKinds.size).toBeGreaterThanOrEqual(2);

    cabinet.clearFault(AIR, 'corrupt');
    for (const device of devices) {
      // A connection may need one poll to shed what the corruption left on it.
      let result = await device.poll();
      if (result.errors.length > 0) result = await device.poll();
      expect(result.readings.map((reading) => [reading.value, reading.statusCode])).toEqual([
        [42.5, StatusCode.Good],
        [17.25, StatusCode.Good],
      ]);
    }
  }, 300_000);
});
