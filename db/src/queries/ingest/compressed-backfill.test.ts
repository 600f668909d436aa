import type { Reading } from '@city/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MaintenanceRunner } from '../../maintenance';
import { createTestDatabase, seedChannels, type TestDatabase } from '../../testing';
import { readHistory } from '../history';
import { insertReadings } from './index';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const CHANNELS = ['aq-outage/no2', 'aq-outage/pm10'];
const lastHour = Math.floor(Date.now() / HOUR) * HOUR;
// The gateway was cut off for six hours three days ago; its buffer holds those readings.
const outageFrom = lastHour - 3 * DAY;
const outageTo = outageFrom + 6 * HOUR;

function minuteReadings(fromMs: number, toMs: number): Reading[] {
  const readings: Reading[] = [];
  for (let t = fromMs; t < toMs; t += MINUTE) {
    for (const channelId of CHANNELS)
      readings.push({ channelId, value: (t / MINUTE) % 97, statusCode: 0, sourceTime: new Date(t) });
  }
  return readings;
}

async function store(target: TestDatabase, readings: readonly Reading[]) {
  let inserted = 0;
  let duplicates = 0;
  for (let i = 0; i < readings.length; i += 1_000) {
    const report = await insertReadings(target.db, readings.slice(i, i + 1_000));
    inserted += report.inserted;
    duplicates += report.duplicates;
  }
  return { inserted, duplicates };
}

async function chunkStates(target: TestDatabase, fromMs: number, toMs: number): Promise<string[]> {
  const { rows } = await target.db.query<{ status: string }>(
    `SELECT DISTINCT s.compression_status AS status
       FROM chunk_compression_stats('readings') s
       JOIN timescaledb_information.chunks c ON c.chunk_name = s.chunk_name
      WHERE c.range_end > $1 AND c.range_start < $2`,
    [new Date(fromMs), new Date(toMs)],
  );
  return rows.map((row) => row.status).sort();
}

// TimescaleDB accepts inserts into compressed chunks; this is what lets raw chunks be compressed a day
// after they end while a gateway's store-and-forward buffer may still deliver readings from before.
describe('a gateway backfilling after an outage into compressed chunks (embedded TimescaleDB)', () => {
  let target: TestDatabase;
  const runner = () => new MaintenanceRunner(target.db).run({ force: true });
  beforeAll(async () => {
    target = await createTestDatabase('embedded');
    await seedChannels(target.db, 'aq-outage', ['no2', 'pm10']);
    await store(target, [
      ...minuteReadings(lastHour - 4 * DAY, outageFrom),
      ...minuteReadings(outageTo, lastHour),
    ]);
    await runner();
  });
  afterAll(() => target?.drop());

  it('finds the outage in chunks that are compressed already', async () => {
    expect(await chunkStates(target, outageFrom, outageTo)).toEqual(['Compressed']);
  });

  it('stores the buffered readings once, and a re-sent buffer adds nothing', async () => {
    const buffered = minuteReadings(outageFrom, outageTo);
    expect(await store(target, buffered)).toEqual({ inserted: buffered.length, duplicates: 0 });
    // The gateway did not hear the acknowledgement and sends it all again (the ON CONFLICT path).
    expect(await store(target, buffered)).toEqual({ inserted: 0, duplicates: buffered.length });
    // A batch straddling readings stored before the outage and the new ones.
    const straddling = minuteReadings(outageFrom - HOUR, outageTo + HOUR);
    expect(await store(target, straddling)).toEqual({ inserted: 0, duplicates: straddling.length });
    const { rows } = await target.db.query<{ n: number; distinct: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT (channel, time))::int AS distinct FROM readings
        WHERE time >= $1 AND time < $2`,
      [new Date(outageFrom - HOUR), new Date(outageTo + HOUR)],
    );
    expect(rows[0]).toEqual({ n: straddling.length, distinct: straddling.length });
  });

  it('shows the outage filled in history, and compresses the chunk again', async () => {
    await runner();
    expect(await chunkStates(target, outageFrom, outageTo)).toEqual(['Compressed']);
    const history = await readHistory(target.db, {
      channelId: CHANNELS[0] ?? '',
      from: new Date(outageFrom),
      to: new Date(outageTo),
      maxPoints: 6,
    });
    expect(history.source).toBe('1h');
    expect(history.points.map((point) => point.count)).toEqual([60, 60, 60, 60, 60, 60]);
  });
});
