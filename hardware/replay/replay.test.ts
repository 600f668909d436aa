import { existsSync } from 'node:fs';
import ModbusRTU from 'modbus-serial';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCity } from '../city/loader';
import { decodePoint, registerCount } from '../profiles/codec';
import { findPoint, loadProfile } from '../profiles/loader';
import { type RunningCabinet, startCabinet } from '../simulators/cabinet';
import { EXCLUDED_LANE_HOUR, SHARED } from './fixtures/paths';
import { readRecordedSeries } from './formats';
import { startReplay } from './replay';

const HOUR = 3_600_000;
const LOOP = 'a10-west-loop-controller';
const LOOP_UNIT = 2;
const EXCLUDED = EXCLUDED_LANE_HOUR;
const NDW_2023 = SHARED.ndw2023;

let cabinet: RunningCabinet;
let client: ModbusRTU;
beforeAll(async () => {
  const [skeleton] = loadCity().cabinets;
  if (!skeleton) throw new Error('the skeleton city has no cabinet');
  cabinet = await startCabinet(skeleton, { port: 0 });
  client = new ModbusRTU();
  await client.connectTCP(cabinet.host, { port: cabinet.port });
  client.setTimeout(2000);
  client.setID(LOOP_UNIT);
});
afterAll(async () => {
  await new Promise((resolve) => client.close(resolve));
  await cabinet.stop();
});

/** What a Modbus master reads from the loop controller's lane 2 flow register right now. */
async function readLane2Flow(): Promise<number> {
  const point = findPoint(loadProfile('loop-detector'), 'lane2_flow');
  const { data } = await client.readInputRegisters(point.address, registerCount(point));
  return decodePoint(point, data);
}

describe('replaying an NDW export with a lane-hour NDW excluded', () => {
  it('plays through the gap, holding the last value, and says when it starts how many lane-hours have no data', async () => {
    const flow = readRecordedSeries(EXCLUDED, 'RWS01_MONIBAS_0101hrr0239ra/lane2/flow');
    const speed = readRecordedSeries(EXCLUDED, 'RWS01_MONIBAS_0101hrr0239ra/lane2/speed');
    let wallMs = 0;
    const replay = startReplay({
      cabinet,
      deviceId: LOOP,
      points: { lane2_flow: flow, lane2_speed: speed },
      speedup: 1,
      now: () => wallMs,
    });
    try {
      // Its flow and speed are missing for the same lane-hour: one lane-hour without data, not two.
      expect(replay.gaps).toMatchObject({
        hoursWithoutData: 1,
        byReason: { excluded: 1, empty: 0, 'no-data': 0 },
        text: '1 lane-hour without data (1 technically excluded)',
      });
      // 07:00-10:00 local time is 05:00-08:00 UTC, the excluded hour included.
      expect([replay.startMs, replay.endMs]).toEqual([
        Date.parse('2023-09-18T05:00:00Z'),
        Date.parse('2023-09-18T08:00:00Z'),
      ]);
      const flowAt = async (hoursIn: number) => {
        wallMs = hoursIn * HOUR;
        return readLane2Flow();
      };
      expect(await flowAt(0.5)).toBe(1419);
      expect(await flowAt(1.5)).toBe(1419);
      expect(await flowAt(2.5)).toBe(1301);
    } finally {
      replay.stop();
    }
  });

  it.skipIf(!existsSync(NDW_2023))('refuses to play a lane that has no value at all, saying why', () => {
    const dead = readRecordedSeries(NDW_2023, 'RWS01_MONIBAS_0101hrl0239ra/lane1/flow');
    expect(() => startReplay({ cabinet, deviceId: LOOP, points: { lane1_flow: dead }, speedup: 60 })).toThrow(
      'series "RWS01_MONIBAS_0101hrl0239ra/lane1/flow" for lane1_flow has no values to play: 168 lane-hours without data (168 marked -1)',
    );
  });
});
