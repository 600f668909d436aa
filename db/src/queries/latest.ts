import type { LatestValue, Layer } from '@city/domain';
import type { Queryable } from '../database';
import { flushLatest } from './ingest/latest-writer';
import { fromStoredStatus } from './status';

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

/** The newest value of every channel, or of one layer, district or set of channels, including values the ingest path is about to write. */
export async function latestValues(db: Queryable, filter: LatestFilter = {}): Promise<LatestValue[]> {
  await flushLatest(db);
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
