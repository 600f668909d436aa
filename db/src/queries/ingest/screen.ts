import type { Reading } from '@city/domain';
import type { Queryable } from '../../database';
import { toStoredStatus } from '../status';

/** Readings stamped further ahead than this are a device clock gone wrong, not data. */
const MAX_FUTURE_SKEW_MS = 5 * 60_000;

export type QuarantineReason = 'unknown-channel' | 'non-finite-value' | 'future-time' | 'invalid-time';

export interface Refused {
  reading: Reading;
  reason: QuarantineReason;
}

/** Splits a batch into readings fit to store and readings refused, each with its reason. */
export function screen(
  readings: readonly Reading[],
  now: number,
): { accepted: Reading[]; refused: Refused[] } {
  const accepted: Reading[] = [];
  const refused: Refused[] = [];
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

/**
 * Keeps refused readings as received, so nothing a gateway sent is silently lost; returns those
 * kept. A gateway's own role may quarantine only its own channels' readings and unknown ids
 * (migration 0012): `asGateway` leaves out the rest, which the caller counts as refused.
 */
export async function quarantine(
  tx: Queryable,
  refused: readonly Refused[],
  options: { asGateway?: boolean } = {},
): Promise<readonly Refused[]> {
  const kept = options.asGateway ? await mayQuarantine(tx, refused) : refused;
  if (kept.length === 0) return kept;
  await tx.query(
    `INSERT INTO quarantined_readings (channel_id, time, value, status_code, reason)
     SELECT channel_id, CASE WHEN time_ms IS NULL THEN NULL ELSE to_timestamp(time_ms / 1000.0) END,
            value, status_code, reason
       FROM unnest($1::text[], $2::float8[], $3::float8[], $4::int4[], $5::text[])
         AS t(channel_id, time_ms, value, status_code, reason)`,
    [
      kept.map(({ reading }) => reading.channelId),
      kept.map(({ reading }) => {
        const ms = reading.sourceTime.getTime();
        return Number.isFinite(ms) ? ms : null;
      }),
      // NaN and ±Infinity are valid float8 values; they are kept as sent.
      kept.map(({ reading }) => (reading.value === null ? null : String(reading.value))),
      kept.map(({ reading }) => toStoredStatus(reading.statusCode)),
      kept.map(({ reason }) => reason),
    ],
  );
  return kept;
}

/** Asked first, since row-level security would fail the whole batch on one other gateway's reading. */
async function mayQuarantine(tx: Queryable, refused: readonly Refused[]): Promise<Refused[]> {
  if (refused.length === 0) return [];
  const { rows } = await tx.query<{ may: boolean }>(
    'SELECT field_gateway_may_quarantine(id) AS may FROM unnest($1::text[]) WITH ORDINALITY AS t(id, n) ORDER BY n',
    [refused.map(({ reading }) => reading.channelId)],
  );
  return refused.filter((_, i) => rows[i]?.may === true);
}
