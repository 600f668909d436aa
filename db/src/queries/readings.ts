import type { Queryable } from '../database';
import {
  type LatestValue,
  NOTIFY_PAYLOAD_LIMIT_BYTES,
  READINGS_NOTIFY_CHANNEL,
  type Reading,
  type ReadingsNotice,
} from '../domain';

/** Readings stamped further ahead than this are a device clock gone wrong, not data. */
const MAX_FUTURE_SKEW_MS = 5 * 60_000;

export interface InsertReport {
  inserted: number;
  duplicates: number;
  rejected: number;
  rejections: RejectedReading[];
}

export interface RejectedReading {
  reading: Reading;
  reason: 'non-finite-value' | 'future-time' | 'invalid-time';
}

/** OPC UA StatusCodes use all 32 bits; int4 is signed, so the top bit travels as the sign. */
const toStoredStatus = (statusCode: number) => statusCode | 0;
const fromStoredStatus = (stored: number) => stored >>> 0;

function screen(readings: readonly Reading[], now: number) {
  const accepted: Reading[] = [];
  const rejections: RejectedReading[] = [];
  for (const reading of readings) {
    const time = reading.sourceTime.getTime();
    if (!Number.isFinite(time)) rejections.push({ reading, reason: 'invalid-time' });
    else if (time > now + MAX_FUTURE_SKEW_MS) rejections.push({ reading, reason: 'future-time' });
    else if (reading.value !== null && !Number.isFinite(reading.value))
      rejections.push({ reading, reason: 'non-finite-value' });
    else accepted.push(reading);
  }
  return { accepted, rejections };
}

interface InsertedRow {
  channel_id: string;
  time: Date;
  value: number | null;
  status_code: number;
  server_time: Date;
}

/**
 * Stores a batch idempotently: a reading already stored for (channel, time) is counted as a duplicate,
 * so a gateway may retry a batch freely. Bad rows are rejected without sinking the batch. The newest
 * value per channel is kept in latest_readings and announced with NOTIFY when the batch commits.
 */
export async function insertReadings(
  db: Queryable & { transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> },
  readings: readonly Reading[],
): Promise<InsertReport> {
  const { accepted, rejections } = screen(readings, Date.now());
  if (accepted.length === 0) return { inserted: 0, duplicates: 0, rejected: rejections.length, rejections };
  const inserted = await db.transaction(async (tx) => {
    const { rows } = await tx.query<InsertedRow & { inserted_count: number }>(
      `WITH input AS (
         SELECT * FROM unnest($1::text[], $2::float8[], $3::float8[], $4::int4[])
           AS t(channel_id, time_ms, value, status_code)
       ), stored AS (
         INSERT INTO readings (channel_id, time, value, status_code)
         SELECT channel_id, to_timestamp(time_ms / 1000.0), value, status_code FROM input
         ON CONFLICT (channel_id, time) DO NOTHING
         RETURNING channel_id, time, value, status_code, server_time
       ), newest AS (
         SELECT DISTINCT ON (channel_id) * FROM stored ORDER BY channel_id, time DESC
       ), kept AS (
         INSERT INTO latest_readings AS l (channel_id, time, value, status_code, server_time)
         SELECT channel_id, time, value, status_code, server_time FROM newest
         ON CONFLICT (channel_id) DO UPDATE SET
           time = excluded.time, value = excluded.value,
           status_code = excluded.status_code, server_time = excluded.server_time
         WHERE l.time <= excluded.time
       )
       SELECT newest.*, (SELECT count(*) FROM stored)::int AS inserted_count FROM newest`,
      [
        accepted.map((r) => r.channelId),
        accepted.map((r) => r.sourceTime.getTime()),
        accepted.map((r) => r.value),
        accepted.map((r) => toStoredStatus(r.statusCode)),
      ],
    );
    // All duplicates store nothing, so newest is empty and there is nothing to announce.
    for (const payload of noticePayloads(rows)) {
      await tx.query('SELECT pg_notify($1, $2)', [READINGS_NOTIFY_CHANNEL, payload]);
    }
    return rows[0]?.inserted_count ?? 0;
  });
  return {
    inserted,
    duplicates: accepted.length - inserted,
    rejected: rejections.length,
    rejections,
  };
}

/** Splits the newest values into NOTIFY payloads under PostgreSQL's 8,000-byte limit. */
export function noticePayloads(rows: readonly InsertedRow[]): string[] {
  const payloads: string[] = [];
  let batch: ReadingsNotice['latest'] = [];
  let size = 0;
  const flush = () => {
    if (batch.length > 0) payloads.push(JSON.stringify({ v: 1, latest: batch } satisfies ReadingsNotice));
    batch = [];
    size = 0;
  };
  for (const row of rows) {
    const tuple: ReadingsNotice['latest'][number] = [
      row.channel_id,
      row.value,
      fromStoredStatus(row.status_code),
      row.time.getTime(),
      row.server_time.getTime(),
    ];
    const tupleSize = Buffer.byteLength(JSON.stringify(tuple)) + 1;
    if (size + tupleSize > NOTIFY_PAYLOAD_LIMIT_BYTES - 20) flush();
    batch.push(tuple);
    size += tupleSize;
  }
  flush();
  return payloads;
}

interface LatestRow {
  channel_id: string;
  time: Date;
  value: number | null;
  status_code: number;
  server_time: Date;
}

export async function latestValues(db: Queryable): Promise<LatestValue[]> {
  const { rows } = await db.query<LatestRow>(
    'SELECT channel_id, time, value, status_code, server_time FROM latest_readings ORDER BY channel_id',
  );
  return rows.map((row) => ({
    channelId: row.channel_id,
    value: row.value,
    statusCode: fromStoredStatus(row.status_code),
    sourceTime: row.time.getTime(),
    serverTime: row.server_time.getTime(),
  }));
}
