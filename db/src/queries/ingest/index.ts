import type { Reading } from '@city/domain';
import type { Database } from '../../database';
import { sqlStateOf, UNIQUE_VIOLATION } from '../../errors';
import { toStoredStatus } from '../status';
import { channelNumbers } from './channel-numbers';
import { type CopiedBatch, type NumberedReading, StaleChannelNumbers, storeByCopy } from './copy-path';
import { gatewayNumbers } from './gateway-numbers';
import { keepGatewayNewest, mayWriteReadings, storeAsGateway } from './gateway-path';
import { latestWriter } from './latest-writer';
import { type QuarantineReason, quarantine, type Refused, screen } from './screen';
import { storeByUpsert } from './upsert-path';

export type { QuarantineReason } from './screen';

export interface InsertReport {
  inserted: number;
  duplicates: number;
  /** Readings refused and kept in quarantined_readings, by reason. */
  quarantined: number;
  quarantineReasons: Partial<Record<QuarantineReason, number>>;
  /**
   * Readings of channels this role may not write (another gateway's), when a gateway's own role
   * sends them: neither stored nor quarantined, since the role may write neither.
   */
  refused: number;
}

function keepNewest(db: Database, { newest, serverTimeMs }: CopiedBatch): void {
  const writer = latestWriter(db);
  for (const [num, reading] of newest) {
    writer.note(num, {
      timeMs: reading.sourceTime.getTime(),
      value: reading.value,
      storedStatus: toStoredStatus(reading.statusCode),
      serverTimeMs,
    });
  }
}

function countReasons(refused: readonly Refused[]): Partial<Record<QuarantineReason, number>> {
  const reasons: Partial<Record<QuarantineReason, number>> = {};
  for (const { reason } of refused) reasons[reason] = (reasons[reason] ?? 0) + 1;
  return reasons;
}

/**
 * Stores a batch idempotently: a reading already stored for (channel, time) counts as a duplicate, so a
 * gateway may retry a batch freely. Refused rows (unknown channel, NaN or infinite value, a time
 * invalid or over 5 minutes ahead) go to quarantine without sinking the batch. The newest value per
 * channel is kept in latest_readings and announced with NOTIFY when the batch commits.
 *
 * A batch of new readings, the steady state, goes in with one binary COPY, and its newest values are
 * written to latest_readings a moment later, together with other batches' (see latest-writer). Should
 * any of it be stored already, or channels have been deleted since their numbers were looked up, the
 * transaction is rolled back and the batch is stored row by row instead.
 */
export async function insertReadings(db: Database, readings: readonly Reading[]): Promise<InsertReport> {
  const { accepted, refused } = screen(readings, Date.now());
  if (accepted.length === 0 && refused.length === 0) {
    return { inserted: 0, duplicates: 0, quarantined: 0, quarantineReasons: {}, refused: 0 };
  }
  if (!(await mayWriteReadings(db))) return insertAsGateway(db, accepted, refused);
  const numbers = channelNumbers(db);
  const known = await numbers.resolve(
    db,
    accepted.map((r) => r.channelId),
  );
  const numbered: NumberedReading[] = [];
  const unknown: Refused[] = [];
  for (const reading of accepted) {
    const num = known.get(reading.channelId);
    if (num === undefined) unknown.push({ reading, reason: 'unknown-channel' });
    else numbered.push({ num, reading });
  }
  try {
    const copied = await db.transaction(async (tx) => {
      await quarantine(tx, [...refused, ...unknown]);
      return numbered.length > 0 ? storeByCopy(tx, numbered, numbers.deletionsSeen) : undefined;
    });
    if (copied) keepNewest(db, copied);
    const all = [...refused, ...unknown];
    return {
      inserted: numbered.length,
      duplicates: 0,
      quarantined: all.length,
      quarantineReasons: countReasons(all),
      refused: 0,
    };
  } catch (error) {
    if (error instanceof StaleChannelNumbers) numbers.forget();
    else if (sqlStateOf(error) !== UNIQUE_VIOLATION) throw error;
  }
  const stored = await db.transaction(async (tx) => {
    await quarantine(tx, refused);
    return storeByUpsert(tx, accepted);
  });
  const reasons = countReasons(refused);
  if (stored.unknown > 0) reasons['unknown-channel'] = stored.unknown;
  return {
    inserted: stored.inserted,
    duplicates: accepted.length - stored.unknown - stored.inserted,
    quarantined: refused.length + stored.unknown,
    quarantineReasons: reasons,
    refused: 0,
  };
}

/** A gateway's own role: what it may store goes through the database's function (see gateway-path). */
async function insertAsGateway(
  db: Database,
  accepted: readonly Reading[],
  refused: readonly Refused[],
): Promise<InsertReport> {
  const numbers = await gatewayNumbers(db).numbersOf(
    db,
    accepted.map((reading) => reading.channelId),
  );
  const { stored, kept } = await db.transaction(async (tx) => ({
    kept: await quarantine(tx, refused, { asGateway: true }),
    stored: await storeAsGateway(tx, accepted, numbers),
  }));
  keepGatewayNewest(db, stored.newest);
  const reasons = countReasons(kept);
  if (stored.unknown > 0) reasons['unknown-channel'] = stored.unknown;
  return {
    inserted: stored.inserted,
    duplicates: accepted.length - stored.unknown - stored.foreign - stored.inserted,
    quarantined: kept.length + stored.unknown,
    quarantineReasons: reasons,
    // Another gateway's readings, screened out or not: this role may neither store nor quarantine them.
    refused: stored.foreign + refused.length - kept.length,
  };
}
