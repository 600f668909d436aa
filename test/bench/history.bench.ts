/**
 * history: chart queries through readHistory on the embedded TimescaleDB holding a month of 1-minute
 * data for 1,000 channels (43.2 million readings), for 30 days, 24 hours and 1 hour of one channel.
 * Peer in the same run: the same bands computed straight from the raw readings. Also: what a reading
 * costs on disk, all tables together, once past the compression windows (databaseBytesPerReading).
 * `--channels N` or BENCH_CHANNELS scales the city down; `--backend postgres` (BENCH_BACKEND) runs it
 * on the real PostgreSQL server (TEST_DATABASE_URL) with plain tables instead.
 */
import { parseArgs } from 'node:util';
import {
  type Backend,
  type Database,
  type History,
  type HistoryPoint,
  MaintenanceRunner,
  readHistory,
} from '@city/db';
import { createTestDatabase } from '@city/db/testing';
import { seedHistory } from './history-seed';
import { databaseBytes, plainStorage, timescaleStorage } from './history-storage';
import { percentile, round } from './stats';
import { progress, timed } from './synthetic';

const DAYS = 30;
const API_REPETITIONS = 30;
const RAW_REPETITIONS = 5;
const TARGET_P95_MS = 100;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const RANGES = { '30d': 30 * DAY, '24h': DAY, '1h': HOUR } as const;
type RangeName = keyof typeof RANGES;

const log = progress('history');

function options(): { channels: number; backend: Backend } {
  const { values } = parseArgs({
    args: process.argv.slice(3),
    options: { channels: { type: 'string' }, backend: { type: 'string' } },
    strict: false,
  });
  const raw = values.channels ?? process.env.BENCH_CHANNELS ?? '1000';
  const channels = Number(raw);
  if (!Number.isInteger(channels) || channels < 1 || channels > 10_000)
    throw new Error(`--channels / BENCH_CHANNELS must be an integer from 1 to 10000, got "${String(raw)}"`);
  const backend = values.backend ?? process.env.BENCH_BACKEND ?? 'embedded';
  if (backend !== 'embedded' && backend !== 'postgres')
    throw new Error(`--backend / BENCH_BACKEND must be "embedded" or "postgres", got "${String(backend)}"`);
  return { channels, backend };
}

// The question the API answers, asked of the raw readings: the same bands, bucket and range.
const RAW_SQL = `
  SELECT date_bin($4::interval, r.time, TIMESTAMPTZ 'epoch') AS bucket,
         min(r.value) AS min, avg(r.value) AS avg, max(r.value) AS max, count(r.value) AS count,
         (array_agg(r.value ORDER BY r.time DESC))[1] AS last
    FROM readings r
   WHERE r.channel = (SELECT num FROM channels WHERE id = $1) AND r.time >= $2 AND r.time < $3
   GROUP BY 1 ORDER BY 1`;

interface RawRow {
  bucket: Date;
  min: number;
  avg: number;
  max: number;
  count: string | number;
  last: number;
}

async function askRaw(db: Database, channelId: string, fromMs: number, toMs: number, bucketMs: number) {
  const { rows } = await db.query<RawRow>(RAW_SQL, [
    channelId,
    new Date(fromMs),
    new Date(toMs),
    `${bucketMs / 1000} seconds`,
  ]);
  return rows.map((row): HistoryPoint => ({ ...row, time: row.bucket.getTime(), count: Number(row.count) }));
}

/** Whether two answers hold the same bands (averages to rounding, the rest exactly). */
function sameBands(api: readonly HistoryPoint[], raw: readonly HistoryPoint[]): boolean {
  const close = (a: number | null, b: number | null) =>
    a === b || (a !== null && b !== null && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a)));
  return (
    api.length === raw.length &&
    api.every((point, i) => {
      const other = raw[i];
      return (
        other !== undefined &&
        point.time === other.time &&
        point.count === other.count &&
        point.min === other.min &&
        point.max === other.max &&
        point.last === other.last &&
        close(point.avg, other.avg)
      );
    })
  );
}

export async function run() {
  const { channels, backend } = options();
  log(
    `${channels} channels × ${DAYS} days of 1-minute readings = ${channels * DAYS * 1440} rows on ${backend}`,
  );
  const test = await createTestDatabase(backend);
  try {
    const { db } = test;
    const emptyBytes = await databaseBytes(db);
    const seeded = await seedHistory(db, { channels, days: DAYS, log });
    // What the stack's first maintenance run does to a database loaded like this one, so sizes are
    // taken after it.
    const maintenance = await timed(() => new MaintenanceRunner(db).run({ force: true }));
    log(`forced maintenance run: ${maintenance.seconds.toFixed(1)} s (${maintenance.result.ran.join('; ')})`);
    const sizes =
      backend === 'embedded'
        ? await timescaleStorage(db, seeded, emptyBytes, test.dataDir ?? '')
        : await plainStorage(db, seeded, emptyBytes);
    log(`whole database: ${sizes.databaseBytesPerReading} bytes per reading`);

    const pick = () => seeded.channelIds[Math.floor(Math.random() * seeded.channelIds.length)] ?? '';
    const results: Record<string, unknown> = {};
    for (const name of Object.keys(RANGES) as RangeName[]) {
      const fromMs = seeded.endMs - RANGES[name];
      const ask = (channelId: string) =>
        readHistory(db, { channelId, from: new Date(fromMs), to: new Date(seeded.endMs) });
      for (let i = 0; i < 3; i += 1) await ask(pick());
      const apiMs: number[] = [];
      let answer: History | undefined;
      for (let i = 0; i < API_REPETITIONS; i += 1) {
        const step = await timed(() => ask(pick()));
        apiMs.push(step.seconds * 1000);
        answer = step.result;
      }
      if (!answer) throw new Error('no history answer');
      const p95 = percentile(apiMs, 95);
      Object.assign(results, {
        [`api${name}Source`]: answer.source,
        [`api${name}BucketS`]: answer.bucketMs / 1000,
        [`api${name}Points`]: answer.points.length,
        [`api${name}P50Ms`]: round(percentile(apiMs, 50), 1),
        [`api${name}P95Ms`]: round(p95, 1),
        [`meets${name}P95`]: p95 <= TARGET_P95_MS,
      });
      log(
        `${name}: API p50 ${round(percentile(apiMs, 50), 1)} ms, p95 ${round(p95, 1)} ms (${answer.source})`,
      );
      if (name === '1h') continue; // the API itself answers an hour from the raw readings

      const rawMs: number[] = [];
      let agrees = true;
      for (let i = 0; i < RAW_REPETITIONS; i += 1) {
        const channelId = pick();
        const raw = await timed(() => askRaw(db, channelId, fromMs, seeded.endMs, answer.bucketMs));
        rawMs.push(raw.seconds * 1000);
        agrees &&= sameBands((await ask(channelId)).points, raw.result);
      }
      const rawOverApi = percentile(rawMs, 50) / percentile(apiMs, 50);
      Object.assign(results, {
        [`raw${name}P50Ms`]: round(percentile(rawMs, 50), 1),
        [`raw${name}OverApi`]: round(rawOverApi, 1),
        [`raw${name}SameBands`]: agrees,
      });
      log(`${name}: raw p50 ${round(percentile(rawMs, 50), 1)} ms, ×${round(rawOverApi, 1)} the API`);
    }
    return {
      backend,
      channels,
      days: DAYS,
      readings: seeded.rows,
      generateS: round(seeded.seconds.generate),
      generateRowsPerS: round(seeded.rows / seeded.seconds.generate),
      refresh1hS: round(seeded.seconds.refresh1h),
      compressS: round(seeded.seconds.compress),
      maintenanceForcedRunS: round(maintenance.seconds, 1),
      apiRepetitions: API_REPETITIONS,
      rawRepetitions: RAW_REPETITIONS,
      targetP95Ms: TARGET_P95_MS,
      ...results,
      ...sizes,
    };
  } finally {
    log('removing the data dir');
    await test.drop();
  }
}
