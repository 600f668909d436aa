import type { Queryable } from '../database';
import { fromStoredStatus } from './status';

/** One stored reading as an alarm rule meets it; times are source times, epoch ms. */
export interface PreviewSample {
  value: number | null;
  statusCode: number;
  sourceTime: number;
}

export interface PreviewReadingsRequest {
  channelIds: readonly string[];
  from: Date;
  to: Date;
  /** The most readings read in all, shared equally by the channels. */
  maxReadings: number;
  /** Readings per query (default 10,000): between pages the database and the event loop serve others. */
  pageSize?: number;
}

export interface PreviewReadings {
  /** Per channel asked for, oldest first; a channel without readings has an empty list. */
  readings: Map<string, PreviewSample[]>;
  /** How many readings came back, in all. */
  count: number;
  /**
   * Where the readings start being complete for every channel: `from` as asked, or later when a
   * channel had more than its share of maxReadings, in which case `truncated` is true and no channel
   * has a reading before it (so every channel covers the same period).
   */
  from: Date;
  truncated: boolean;
}

interface ReadingRow {
  time: Date;
  value: number | null;
  status_code: number;
}

// Newest first, one channel at a time, on the (channel, time) primary key: a backward index scan
// that stops at the page (10,000 readings take about a quarter second on the embedded database), where one query over all channels ordered by time would sort every
// reading of the period for each page. The keyset ($4) takes up where the page before ended.
const PAGE_SQL = `
  SELECT r.time, r.value, r.status_code
    FROM readings r
   WHERE r.channel = $1 AND r.time >= $2 AND r.time < $3 AND r.time < $4
   ORDER BY r.time DESC
   LIMIT $5`;

/**
 * Lets timers and I/O run before the next page. The embedded database answers within the same
 * process, its promises settling as microtasks: without this, a preview's 20 pages ran back to back
 * and held the event loop (screens' frames, every other request) for the whole 5 seconds.
 */
const turnForOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The raw readings of some channels over [from, to), for replaying an alarm rule over them. Bounded:
 * each channel reads at most its share of maxReadings, newest first, in pages, so one call neither
 * holds the embedded database's one connection for long nor fills the heap. When a channel has more,
 * the answer keeps the most recent period that every channel covers in full and says it is truncated.
 */
export async function readPreviewReadings(
  db: Queryable,
  request: PreviewReadingsRequest,
): Promise<PreviewReadings> {
  const ids = [...new Set(request.channelIds)];
  const readings = new Map<string, PreviewSample[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return { readings, count: 0, from: request.from, truncated: false };
  const { rows: nums } = await db.query<{ id: string; num: number }>(
    'SELECT id, num FROM channels WHERE id = ANY ($1::text[])',
    [ids],
  );
  const share = Math.max(1, Math.floor(request.maxReadings / ids.length));
  const pageSize = Math.max(1, request.pageSize ?? 10_000);
  let cut = request.from.getTime();
  let truncated = false;
  for (const { id, num } of nums) {
    const newestFirst: PreviewSample[] = [];
    let before = request.to;
    // One more than the share: that one, if it comes, says the channel has more than its share.
    while (newestFirst.length <= share) {
      const limit = Math.min(pageSize, share + 1 - newestFirst.length);
      const { rows } = await db.query<ReadingRow>(PAGE_SQL, [num, request.from, request.to, before, limit]);
      for (const row of rows) {
        newestFirst.push({
          value: row.value,
          statusCode: fromStoredStatus(row.status_code),
          sourceTime: row.time.getTime(),
        });
      }
      const oldest = rows.at(-1);
      if (rows.length < limit || !oldest) break;
      before = oldest.time;
      await turnForOthers();
    }
    if (newestFirst.length > share) {
      truncated = true;
      // The extra one is dropped; the period starts just after it, so nothing in it is missing.
      const dropped = newestFirst.pop();
      if (dropped) cut = Math.max(cut, dropped.sourceTime + 1);
    }
    readings.set(id, newestFirst.reverse());
  }
  let count = 0;
  for (const [id, samples] of readings) {
    const kept = truncated ? samples.filter((sample) => sample.sourceTime >= cut) : samples;
    readings.set(id, kept);
    count += kept.length;
  }
  return { readings, count, from: new Date(cut), truncated };
}
