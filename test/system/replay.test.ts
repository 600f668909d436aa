import { type Database, MaintenanceRunner } from '@city/db';
import { createTestDatabase, type TestDatabase } from '@city/db/testing';
import { gatewayConfigForCabinet, type RunningGateway, startGateway } from '@city/gateway';
import { loadCity } from '@city/hardware/city';
import { RECORDINGS, type RunningReplay, readRecordedSeries, startReplay } from '@city/hardware/replay';
import { type RunningCabinet, startCabinet } from '@city/hardware/simulators';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * A recorded day of real Luchtmeetnet NO2 at the Vondelpark station, played through the virtual air
 * station at an hour a second; the gateway polls it over Modbus TCP every 100 ms, stamping readings
 * with the replay's clock, and stores them in the embedded TimescaleDB. The hourly averages there
 * must be the file's values.
 */
const POLL_MS = 100;
const SPEEDUP = 3_600;
const HOURS = 12;

let target: TestDatabase | undefined;
let cabinet: RunningCabinet | undefined;
let gateway: RunningGateway | undefined;
let replay: RunningReplay | undefined;
afterAll(async () => {
  replay?.stop();
  await gateway?.stop();
  await cabinet?.stop();
  await target?.drop();
});

async function hourlyAverages(db: Database, channelId: string, fromMs: number, toMs: number) {
  const { rows } = await db.query<{ bucket: Date; avg: number; count: string }>(
    `SELECT h.bucket, h.avg, h.count::text AS count FROM readings_1h h JOIN channels c ON c.num = h.channel
      WHERE c.id = $1 AND h.bucket >= $2 AND h.bucket < $3 ORDER BY h.bucket`,
    [channelId, new Date(fromMs), new Date(toMs)],
  );
  return rows;
}

describe('replaying a recorded Luchtmeetnet file through a virtual air station', () => {
  it('leaves hourly averages in the database that match the file, hour by hour', async () => {
    target = await createTestDatabase('embedded');
    const city = loadCity();
    const [skeleton] = city.cabinets;
    if (!skeleton) throw new Error('the skeleton city has no cabinet');
    cabinet = await startCabinet(skeleton, { port: 0 });
    const recorded = readRecordedSeries(RECORDINGS.luchtmeetnetVondelpark2017, 'NO2');
    const played = { ...recorded, samples: recorded.samples.slice(0, HOURS) };
    replay = startReplay({
      cabinet,
      deviceId: 'vondelpark-aq-logger',
      points: { no2: played },
      speedup: SPEEDUP,
      // Polls then fall mid-way between the recording's 6-minute steps, never on an hour boundary.
      startOnFirstRead: { offsetMs: (POLL_MS * SPEEDUP) / 2 },
    });
    const { config, provision } = gatewayConfigForCabinet(city, skeleton.id, {
      host: cabinet.host,
      port: cabinet.port,
      pollIntervalMs: POLL_MS,
    });
    gateway = await startGateway({
      db: target.db,
      config,
      provision,
      clock: replay.clock,
      logger: pino({ level: 'silent' }),
    });
    await replay.finished;
    await gateway.stop();
    gateway = undefined;
    // The rollups the maintenance job keeps: the hourly aggregate, materialised.
    await new MaintenanceRunner(target.db).run({ force: true });

    const hours = await hourlyAverages(target.db, 'aq-vondelpark/no2', replay.startMs, replay.endMs);
    expect(hours.map((hour) => hour.bucket.getTime())).toEqual(
      played.samples.map((sample) => sample.startMs),
    );
    hours.forEach((hour, i) => {
      // float32 registers carry the file's one decimal exactly enough for two.
      expect(hour.avg, hour.bucket.toISOString()).toBeCloseTo(played.samples[i]?.value ?? Number.NaN, 2);
      // Ten polls an hour; the first hour may lose a few to start-up, since the embedded database runs
      // its WASM on the same event loop as the gateway and is slowest on its first writes.
      expect(Number(hour.count), hour.bucket.toISOString()).toBeGreaterThanOrEqual(i === 0 ? 5 : 8);
    });
  }, 60_000);
});
