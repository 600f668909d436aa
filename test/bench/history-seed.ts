/**
 * Loads `days` of 1-minute readings for every channel into a migrated database, as it looks after a
 * month in service: generated inside the database (insertReadings would take hours at this size), the
 * 1-hour rollup materialised over the whole range and, on TimescaleDB, the raw chunks past the
 * compression policy's age compressed. On plain PostgreSQL the rollup is materialised the same way.
 */
import type { Database } from '@city/db';
import { seedBenchChannels } from './synthetic';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Rows per generating statement: big enough to amortise a statement, small enough to sort in memory. */
const ROWS_PER_STATEMENT = 200_000;

export interface SeededHistory {
  channelIds: string[];
  /** Data covers [startMs, endMs), one reading per channel and minute. */
  startMs: number;
  endMs: number;
  rows: number;
  seconds: { generate: number; refresh1h: number; compress: number };
}

// Rows arrive time-major (every channel's reading for one minute, then the next minute), as a
// gateway delivers them, so the uncompressed chunks have the page layout a live system has.
// A daily cycle per channel plus noise, at a sensor's 0.01 resolution.
const GENERATE_SQL = `
  INSERT INTO readings (channel, time, value, status_code)
  SELECT c.num, t,
         round((20 + c.num % 50 + 10 * sin(2 * pi() * extract(epoch FROM t) / 86400 + c.num)
                + (random() - 0.5) * 4) * 100) / 100,
         0
    FROM generate_series($1::timestamptz, $2::timestamptz - INTERVAL '1 minute', INTERVAL '1 minute') AS t
   CROSS JOIN channels c
   ORDER BY t, c.num`;

/** Hours per statement: a divisor of 24, so statements never straddle a day (a chunk). */
function hoursPerStatement(channels: number): number {
  const wanted = Math.max(1, Math.floor(ROWS_PER_STATEMENT / (channels * 60)));
  return [24, 12, 8, 6, 4, 3, 2, 1].find((hours) => hours <= wanted) ?? 1;
}

export async function seedHistory(
  db: Database,
  options: { channels: number; days: number; log: (message: string) => void },
): Promise<SeededHistory> {
  const { channels, days, log } = options;
  const channelIds = await seedBenchChannels(db, channels);
  // Whole hours, so every rollup bucket in the range is complete.
  const endMs = Math.floor(Date.now() / HOUR) * HOUR;
  const startMs = endMs - days * DAY;
  const stepMs = hoursPerStatement(channels) * HOUR;
  const totalRows = channels * days * (DAY / MINUTE);

  let rows = 0;
  let started = performance.now();
  for (let from = startMs; from < endMs; from += stepMs) {
    const result = await db.query(GENERATE_SQL, [new Date(from), new Date(from + stepMs)]);
    rows += result.rowCount;
    if ((from + stepMs - startMs) % DAY === 0) {
      // The embedded database has no checkpointer: without an explicit CHECKPOINT its write-ahead
      // log is never recycled (23 GB after this month, against max_wal_size 1 GB).
      await db.exec('CHECKPOINT');
      const seconds = (performance.now() - started) / 1000;
      const eta = (seconds / rows) * (totalRows - rows);
      log(
        `generated day ${(from + stepMs - startMs) / DAY}/${days}: ${rows} rows, ` +
          `${Math.round(rows / seconds)} rows/s, about ${Math.round(eta)} s to go`,
      );
    }
  }
  if (rows !== totalRows) throw new Error(`generated ${rows} readings, expected ${totalRows}`);
  const generate = (performance.now() - started) / 1000;

  const timescale = await hasTimescaleDb(db);
  const refresh1h = await refreshHours(db, { startMs, endMs, timescale, log });
  started = performance.now();
  if (timescale) await compressPastPolicy(db, log);
  await db.exec('ANALYZE');
  const compress = (performance.now() - started) / 1000;
  return { channelIds, startMs, endMs, rows, seconds: { generate, refresh1h, compress } };
}

async function hasTimescaleDb(db: Database): Promise<boolean> {
  const { rows } = await db.query<{ present: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb') AS present`,
  );
  return rows[0]?.present === true;
}

// The refresh policy looks back 35 days from now; a month loaded at once is refreshed explicitly, a
// day at a time: one call over the whole month runs as one transaction whose aggregate spills to disk.
async function refreshHours(
  db: Database,
  range: { startMs: number; endMs: number; timescale: boolean; log: (message: string) => void },
): Promise<number> {
  let seconds = 0;
  for (let from = range.startMs; from < range.endMs; from += DAY) {
    const until = new Date(Math.min(from + DAY, range.endMs)).toISOString();
    const started = performance.now();
    if (range.timescale)
      await db.exec(
        `CALL refresh_continuous_aggregate('readings_1h', '${new Date(from).toISOString()}', '${until}')`,
      );
    else await db.query('SELECT city_refresh_rollups($1)', [until]);
    const step = (performance.now() - started) / 1000;
    seconds += step;
    await db.exec('CHECKPOINT');
    range.log(`refreshed day ${(from + DAY - range.startMs) / DAY}: readings_1h ${step.toFixed(1)} s`);
  }
  return seconds;
}

/** Compresses what the stack's compression policy on readings would, chunk by chunk for progress. */
async function compressPastPolicy(db: Database, log: (message: string) => void): Promise<void> {
  const { rows: policy } = await db.query<{ after: string }>(
    `SELECT config->>'compress_after' AS after FROM timescaledb_information.jobs
      WHERE proc_name = 'policy_compression' AND hypertable_name = 'readings'`,
  );
  const after = policy[0]?.after;
  if (!after) throw new Error('migrations registered no compression policy on readings');
  const { rows: chunks } = await db.query<{ chunk: string }>(
    `SELECT c::text AS chunk FROM show_chunks('readings', older_than => $1::interval) c`,
    [after],
  );
  for (const [index, { chunk }] of chunks.entries()) {
    await db.query('SELECT compress_chunk($1::regclass)', [chunk]);
    log(`compressed chunk ${index + 1}/${chunks.length} (older than ${after})`);
  }
}
