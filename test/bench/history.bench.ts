/**
 * history: chart queries through readHistory on the embedded TimescaleDB holding a month of 1-minute
 * data for 1,000 channels (43.2 million readings), for 30 days, 24 hours and 1 hour of one channel.
 * Peer in the same run: the same bands computed straight from the raw readings. Also: what a
 * reading costs on disk once compressed. Loading the month takes about 40 minutes on a 2-core
 * machine (most of it materialising readings_1m); `--channels N` or BENCH_CHANNELS scales the city
 * down (50 channels: about 2 minutes).
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type Database, type History, type HistoryPoint, MaintenanceRunner, readHistory } from '@city/db';
import { createTestDatabase } from '@city/db/testing';
import { seedHistory } from './history-seed';
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

function channelCount(): number {
  const { values } = parseArgs({
    args: process.argv.slice(3),
    options: { channels: { type: 'string' } },
    strict: false,
  });
  const raw = values.channels ?? process.env.BENCH_CHANNELS ?? '1000';
  const count = Number(raw);
  if (!Number.isInteger(count) || count < 1 || count > 10_000)
    throw new Error(`--channels / BENCH_CHANNELS must be an integer from 1 to 10000, got "${String(raw)}"`);
  return count;
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

async function directorySize(path: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(path, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return total;
}

const rollupSize = (view: string) => `
  (SELECT hypertable_size(format('%I.%I', materialization_hypertable_schema, materialization_hypertable_name)::regclass)
     FROM timescaledb_information.continuous_aggregates WHERE view_name = '${view}')`;

interface CompressionStats {
  before: string;
  after: string;
  chunks: string;
  compressed_chunks: string;
  compressed_from: Date | null;
  compressed_until: Date | null;
  hypertable_bytes: string;
  rollup_1m_bytes: string;
  rollup_1h_bytes: string;
  database_bytes: string;
}

async function storage(
  db: Database,
  seeded: { startMs: number; endMs: number; rows: number },
  dataDir: string,
) {
  const { rows } = await db.query<CompressionStats>(`
    SELECT s.before_compression_total_bytes AS before, s.after_compression_total_bytes AS after,
           s.total_chunks AS chunks, s.number_compressed_chunks AS compressed_chunks,
           (SELECT min(range_start) FROM timescaledb_information.chunks
             WHERE hypertable_name = 'readings' AND is_compressed) AS compressed_from,
           (SELECT max(range_end) FROM timescaledb_information.chunks
             WHERE hypertable_name = 'readings' AND is_compressed) AS compressed_until,
           hypertable_size('readings') AS hypertable_bytes,
           ${rollupSize('readings_1m')} AS rollup_1m_bytes,
           ${rollupSize('readings_1h')} AS rollup_1h_bytes,
           pg_database_size(current_database()) AS database_bytes
      FROM hypertable_compression_stats('readings') s`);
  const stats = rows[0];
  if (!stats?.compressed_from || !stats.compressed_until) throw new Error('no chunk was compressed');
  // Every channel has one reading a minute, so the compressed chunks' span gives their row count.
  const from = Math.max(seeded.startMs, stats.compressed_from.getTime());
  const until = Math.min(seeded.endMs, stats.compressed_until.getTime());
  const compressedRows = (seeded.rows / (seeded.endMs - seeded.startMs)) * (until - from);
  const dataDirBytes = await directorySize(dataDir);
  return {
    chunks: Number(stats.chunks),
    compressedChunks: Number(stats.compressed_chunks),
    compressedRows,
    bytesBeforeCompression: Number(stats.before),
    bytesAfterCompression: Number(stats.after),
    compressionRatio: round(Number(stats.before) / Number(stats.after), 1),
    bytesPerReadingBeforeCompression: round(Number(stats.before) / compressedRows, 1),
    bytesPerReadingCompressed: round(Number(stats.after) / compressedRows, 2),
    readingsTableBytes: Number(stats.hypertable_bytes),
    readingsTableBytesPerReading: round(Number(stats.hypertable_bytes) / seeded.rows, 1),
    rollup1mBytes: Number(stats.rollup_1m_bytes),
    rollup1mBytesPerReading: round(Number(stats.rollup_1m_bytes) / seeded.rows, 1),
    rollup1hBytes: Number(stats.rollup_1h_bytes),
    databaseBytes: Number(stats.database_bytes),
    databaseBytesPerReading: round(Number(stats.database_bytes) / seeded.rows, 1),
    // The data dir adds the write-ahead log (up to max_wal_size) to the database.
    dataDirBytes,
  };
}

export async function run() {
  const channels = channelCount();
  log(`${channels} channels × ${DAYS} days of 1-minute readings = ${channels * DAYS * 1440} rows`);
  const test = await createTestDatabase('embedded');
  try {
    const { db } = test;
    const dataDir = test.dataDir ?? '';
    const seeded = await seedHistory(db, { channels, days: DAYS, log });
    // What the stack's first maintenance run does to a database loaded like this one; it also
    // compresses the 1-minute rollups older than their policy's age, so sizes are taken after it.
    const maintenance = await timed(() => new MaintenanceRunner(db).run({ force: true }));
    log(`forced maintenance run: ${maintenance.seconds.toFixed(1)} s (${maintenance.result.ran.join('; ')})`);
    const sizes = await storage(db, seeded, dataDir);
    log(`compressed: ${sizes.bytesPerReadingCompressed} bytes per reading (×${sizes.compressionRatio})`);

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
      channels,
      days: DAYS,
      readings: seeded.rows,
      generateS: round(seeded.seconds.generate),
      generateRowsPerS: round(seeded.rows / seeded.seconds.generate),
      refresh1mS: round(seeded.seconds.refresh1m),
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
