import type { Reading } from '@city/domain';
import type { Queryable } from '../../database';
import { toStoredStatus } from '../status';
import { announce, type NoticeRow, noticePayloads } from './notices';

interface StoredRow extends NoticeRow {
  inserted_count: number;
  unknown_count: number;
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

/**
 * The path for batches that may hold readings already stored (a retry, a backfill overlapping what
 * arrived live): each row is inserted unless its (channel, time) exists, unknown channels go to
 * quarantine, and the newest stored value per channel is kept and announced.
 */
export async function storeByUpsert(
  tx: Queryable,
  accepted: readonly Reading[],
): Promise<{ inserted: number; unknown: number }> {
  if (accepted.length === 0) return { inserted: 0, unknown: 0 };
  const { rows } = await tx.query<StoredRow>(INSERT_SQL, [
    accepted.map((r) => r.channelId),
    accepted.map((r) => r.sourceTime.getTime()),
    accepted.map((r) => r.value),
    accepted.map((r) => toStoredStatus(r.statusCode)),
  ]);
  await announce(tx, noticePayloads(rows));
  return { inserted: rows[0]?.inserted_count ?? 0, unknown: rows[0]?.unknown_count ?? 0 };
}
