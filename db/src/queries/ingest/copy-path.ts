import type { Reading } from '@city/domain';
import type { CopyColumn } from '../../copy-binary';
import type { Queryable } from '../../database';
import { toStoredStatus } from '../status';
import { announce, noticePayloads } from './notices';

export interface NumberedReading {
  num: number;
  reading: Reading;
}

/** Channels were deleted since their numbers were looked up: the batch must take the upsert path. */
export class StaleChannelNumbers extends Error {
  override readonly name = 'StaleChannelNumbers';
}

const READING_COLUMNS: readonly CopyColumn[] = [
  { name: 'channel', type: 'int4' },
  { name: 'time', type: 'timestamptz' },
  { name: 'value', type: 'float8' },
  { name: 'status_code', type: 'int4' },
];

export interface CopiedBatch {
  /** The newest reading per channel number. */
  newest: Map<number, Reading>;
  serverTimeMs: number;
}

/**
 * The fast path for a batch of new readings: one binary COPY straight into readings, and its notices.
 * It fails as a whole with a unique violation when any reading is stored already (a retried or
 * overlapping batch); the caller then takes the upsert path, which sorts duplicates out row by row.
 */
export async function storeByCopy(
  tx: Queryable,
  batch: readonly NumberedReading[],
  deletionsSeen: number | undefined,
): Promise<CopiedBatch> {
  // Every row of this transaction gets now() as its server time; the notices need it before commit.
  const { rows } = await tx.query<{ now_ms: number; deletions: string }>(
    `SELECT floor(extract(epoch FROM now()) * 1000)::float8 AS now_ms,
            (SELECT count FROM channel_deletions)::text AS deletions`,
  );
  if (deletionsSeen === undefined || Number(rows[0]?.deletions) !== deletionsSeen) {
    throw new StaleChannelNumbers('channels were deleted since their numbers were looked up');
  }
  const serverTimeMs = rows[0]?.now_ms ?? Date.now();
  await tx.copyRows(
    'readings',
    READING_COLUMNS,
    batch.map(({ num, reading }) => [
      num,
      reading.sourceTime,
      reading.value,
      toStoredStatus(reading.statusCode),
    ]),
  );
  const newest = new Map<number, Reading>();
  for (const { num, reading } of batch) {
    const held = newest.get(num);
    if (!held || held.sourceTime.getTime() <= reading.sourceTime.getTime()) newest.set(num, reading);
  }
  const serverTime = new Date(serverTimeMs);
  const payloads = noticePayloads(
    [...newest.values()].map((reading) => ({
      channel_id: reading.channelId,
      time: reading.sourceTime,
      value: reading.value,
      status_code: toStoredStatus(reading.statusCode),
      server_time: serverTime,
    })),
  );
  await announce(tx, payloads);
  return { newest, serverTimeMs };
}
