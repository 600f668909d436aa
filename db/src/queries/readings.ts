import type { Database, Queryable } from '../database';
import {
  type LatestValue,
  type Layer,
  NOTIFY_PAYLOAD_LIMIT_BYTES,
  READINGS_NOTIFY_CHANNEL,
  type Reading,
  type ReadingsNotice,
} from '../domain';
import { fromStoredStatus, toStoredStatus } from './status';

/** Readings stamped further ahead than this are a device clock gone wrong, not data. */
const MAX_FUTURE_SKEW_MS = 5 * 60_000;

export type QuarantineReason = 'unknown-channel' | 'non-finite-value' | 'future-time' | 'invalid-time';

export interface InsertReport {
  inserted: number;
  duplicates: number;
  /** Readings refused and kept in quarantined_readings, by reason. */
  quarantined: number;
  quarantineReasons: Partial<Record<QuarantineReason, number>>;
}

function screen(readings: readonly Reading[], now: number) {
  const accepted: Reading[] = [];
  const refused: { reading: Reading; reason: QuarantineReason }[] = [];
  for (const reading of readings) {
    const time = reading.sourceTime.getTime();
    if (!Number.isFinite(time)) refused.push({ reading, reason: 'invalid-time' });
    else if (time > now + MAX_FUTURE_SKEW_MS) refused.push({ reading, reason: 'future-time' });
    else if (reading.value !== null && !Number.isFinite(reading.value))
      refused.push({ reading, reason: 'non-finite-value' });
    else accepted.push(reading);
  }
  return { accepted, refused };
}

interface StoredRow {
  channel_id: string | null;
  time: Date | null;
  value: number | null;
  status_code: number | null;
  server_time: Date | null;
  inserted_count: number;
  unknown_count: number;
}

/**
 * Stores a batch idempotently: a reading already stored for (channel, time) counts as a duplicate, so a
 * gateway may retry a batch freely. Refused rows (unknown channel, NaN or infinite value, a time
 * invalid or over 5 minutes ahead) go to quarantine without sinking the batch. The newest value per
 * channel is kept in latest_readings and announced with NOTIFY when the batch commits.
 */
export async function insertReadings(db: Database, readings: readonly Reading[]): Promise<InsertReport> {
  const { accepted, refused } = screen(readings, Date.now());
  const reasons: Partial<Record<QuarantineReason, number>> = {};
  for (const { reason } of refused) reasons[reason] = (reasons[reason] ?? 0) + 1;
  if (accepted.length === 0 && refused.length === 0) {
    return { inserted: 0, duplicates: 0, quarantined: 0, quarantineReasons: {} };
  }
  const { inserted, unknown } = await db.transaction(async (tx) => {
    if (refused.length > 0) await quarantine(tx, refused);
    if (accepted.length === 0) return { inserted: 0, unknown: 0 };
    const { rows } = await tx.query<StoredRow>(INSERT_SQL, [
      accepted.map((r) => r.channelId),
      accepted.map((r) => r.sourceTime.getTime()),
      accepted.map((r) => r.value),
      accepted.map((r) => toStoredStatus(r.statusCode)),
    ]);
    const payloads = noticePayloads(rows);
    // One round trip for all notices of the batch; they are delivered in order when it commits.
    if (payloads.length > 0) {
      await tx.query(
        'SELECT pg_notify($1, payload) FROM unnest($2::text[]) WITH ORDINALITY AS p(payload, n) ORDER BY n',
        [READINGS_NOTIFY_CHANNEL, payloads],
      );
    }
    return { inserted: rows[0]?.inserted_count ?? 0, unknown: rows[0]?.unknown_count ?? 0 };
  });
  if (unknown > 0) reasons['unknown-channel'] = unknown;
  return {
    inserted,
    duplicates: accepted.length - unknown - inserted,
    quarantined: refused.length + unknown,
    quarantineReasons: reasons,
  };
}

// One statement: resolve channel ids, quarantine unknown ones, store the rest, keep the newest per
// channel, and return it (or one row of counts when nothing new was stored).
const INSERT_SQL = `
  WITH input AS (
    SELECT * FROM unnest($1::text[], $2::float8[], $3::float8[], $4::int4[])
      AS t(channel_id, time_ms, value, status_code)
  ), resolved AS (
    SELECT c.num, i.channel_id, to_timestamp(i.time_ms / 1000.0) AS time, i.value, i.status_code
      FROM input i LEFT JOIN channels c ON c.id = i.channel_id
  ), unknown AS (
    INSERT INTO quarantined_readings (channel_id, time, value, status_code, reason)
    SELECT channel_id, time, value, status_code, 'unknown-channel' FROM resolved WHERE num IS NULL
    RETURNING 1
  ), stored AS (
    INSERT INTO readings (channel, time, value, status_code)
    SELECT num, time, value, status_code FROM resolved WHERE num IS NOT NULL
    ON CONFLICT (channel, time) DO NOTHING
    RETURNING channel, time, value, status_code, server_time
  ), newest AS (
    SELECT DISTINCT ON (channel) * FROM stored ORDER BY channel, time DESC
  ), kept AS (
    INSERT INTO latest_readings AS l (channel, time, value, status_code, server_time)
    SELECT channel, time, value, status_code, server_time FROM newest
    ON CONFLICT (channel) DO UPDATE SET
      time = excluded.time, value = excluded.value,
      status_code = excluded.status_code, server_time = excluded.server_time
    WHERE l.time <= excluded.time
  )
  SELECT c.id AS channel_id, n.time, n.value, n.status_code, n.server_time,
         (SELECT count(*) FROM stored)::int AS inserted_count,
         (SELECT count(*) FROM unknown)::int AS unknown_count
    FROM (SELECT 1) AS always_one_row
    LEFT JOIN (newest n JOIN channels c ON c.num = n.channel) ON true`;

async function quarantine(tx: Queryable, refused: { reading: Reading; reason: QuarantineReason }[]) {
  await tx.query(
    `INSERT INTO quarantined_readings (channel_id, time, value, status_code, reason)
     SELECT channel_id, CASE WHEN time_ms IS NULL THEN NULL ELSE to_timestamp(time_ms / 1000.0) END,
            value, status_code, reason
       FROM unnest($1::text[], $2::float8[], $3::float8[], $4::int4[], $5::text[])
         AS t(channel_id, time_ms, value, status_code, reason)`,
    [
      refused.map(({ reading }) => reading.channelId),
      refused.map(({ reading }) => {
        const ms = reading.sourceTime.getTime();
        return Number.isFinite(ms) ? ms : null;
      }),
      // NaN and ±Infinity are valid float8 values; they are kept as sent.
      refused.map(({ reading }) => (reading.value === null ? null : String(reading.value))),
      refused.map(({ reading }) => toStoredStatus(reading.statusCode)),
      refused.map(({ reason }) => reason),
    ],
  );
}

/** Splits the newest values into NOTIFY payloads under PostgreSQL's 8,000-byte limit. */
export function noticePayloads(
  rows: readonly Pick<StoredRow, 'channel_id' | 'time' | 'value' | 'status_code' | 'server_time'>[],
): string[] {
  const payloads: string[] = [];
  let batch: ReadingsNotice['latest'] = [];
  let size = 0;
  const flush = () => {
    if (batch.length > 0) payloads.push(JSON.stringify({ v: 1, latest: batch } satisfies ReadingsNotice));
    batch = [];
    size = 0;
  };
  for (const row of rows) {
    if (row.channel_id === null || row.time === null || row.server_time === null) continue;
    const tuple: ReadingsNotice['latest'][number] = [
      row.channel_id,
      row.value,
      fromStoredStatus(row.status_code ?? 0),
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

export interface LatestFilter {
  layer?: Layer | undefined;
  district?: string | undefined;
  channelIds?: readonly string[] | undefined;
}

interface LatestRow {
  channel_id: string;
  time: Date;
  value: number | null;
  status_code: number;
  server_time: Date;
}

/** The newest value of every channel, or of one layer, district or set of channels. */
export async function latestValues(db: Queryable, filter: LatestFilter = {}): Promise<LatestValue[]> {
  const { rows } = await db.query<LatestRow>(
    `SELECT c.id AS channel_id, l.time, l.value, l.status_code, l.server_time
       FROM latest_readings l
       JOIN channels c ON c.num = l.channel
       JOIN assets a ON a.id = c.asset_id
      WHERE ($1::text IS NULL OR a.layer = $1)
        AND ($2::text IS NULL OR a.district = $2)
        AND ($3::text[] IS NULL OR c.id = ANY ($3))
      ORDER BY c.id`,
    [filter.layer ?? null, filter.district ?? null, filter.channelIds ? [...filter.channelIds] : null],
  );
  return rows.map((row) => ({
    channelId: row.channel_id,
    value: row.value,
    statusCode: fromStoredStatus(row.status_code),
    sourceTime: row.time.getTime(),
    serverTime: row.server_time.getTime(),
  }));
}
