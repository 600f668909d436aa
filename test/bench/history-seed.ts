/**
 * Loads `days` of 1-minute readings for every channel into a migrated TimescaleDB, as it looks after
 * a month in service: generated inside the database (insertReadings would take hours at this size),
 * rollups materialised over the whole range, raw chunks older than 7 days compressed.
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
  seconds: { generate: number; refresh1m: number; refresh1h: number; compress: number };
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

  // The refresh policies look back 7 and 35 days from now; a month loaded at once is refreshed
  // explicitly, a day at a time: one call over the whole month runs as one transaction whose
  // aggregate spills to disk (readings_1h alone took 16 minutes that way at 1,000 channels, against about 3 a day at a time).
  let refresh1m = 0;
  let refresh1h = 0;
  for (let from = startMs; from < endMs; from += DAY) {
    const window = `'${new Date(from).toISOString()}', '${new Date(Math.min(from + DAY, endMs)).toISOString()}'`;
    started = performance.now();
    await db.exec(`CALL refresh_continuous_aggregate('readings_1m', ${window})`);
    const minuteSeconds = (performance.now() - started) / 1000;
    started = performance.now();
    await db.exec(`CALL refresh_continuous_aggregate('readings_1h', ${window})`);
    const hourSeconds = (performance.now() - started) / 1000;
    refresh1m += minuteSeconds;
    refresh1h += hourSeconds;
    await db.exec('CHECKPOINT');
    log(
      `refreshed day ${(from + DAY - startMs) / DAY}/${days}: readings_1m ${minuteSeconds.toFixed(1)} s, ` +
        `readings_1h ${hourSeconds.toFixed(1)} s`,
    );
  }

  started = performance.now();
  const { rows: chunks } = await db.query<{ chunk: string }>(
    `SELECT c::text AS chunk FROM show_chunks('readings', older_than => INTERVAL '7 days') c`,
  );
  for (const [index, { chunk }] of chunks.entries()) {
    await db.query('SELECT compress_chunk($1::regclass)', [chunk]);
    log(`compressed chunk ${index + 1}/${chunks.length}`);
  }
  const compress = (performance.now() - started) / 1000;
  return { channelIds, startMs, endMs, rows, seconds: { generate, refresh1m, refresh1h, compress } };
}
