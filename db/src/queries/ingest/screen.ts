import type { Queryable } from '../../database';
import type { Reading } from '../../domain';
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

/** Keeps refused readings as received, so nothing a gateway sent is silently lost. */
export async function quarantine(tx: Queryable, refused: readonly Refused[]): Promise<void> {
  if (refused.length === 0) return;
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
