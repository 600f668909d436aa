import type { Queryable } from '../database';

/**
 * Where a history answer came from: raw readings (bucketed to the chart's width, up to minutes), or
 * the 1-hour rollup. There is no 1-minute rollup: at one reading a minute or slower it would hold a
 * copy of every reading (see migration 0010).
 */
export type HistorySource = 'raw' | '1h';

export interface HistoryRequest {
  channelId: string;
  from: Date;
  to: Date;
  /** At most this many points come back (default 1,000): a chart's width in pixels is a good budget. */
  maxPoints?: number;
}

/** One bucket of a chart band: min/avg/max over the bucket, the number of values and the last one. */
export interface HistoryPoint {
  time: number;
  min: number | null;
  avg: number | null;
  max: number | null;
  count: number;
  last: number | null;
}

export interface History {
  channelId: string;
  source: HistorySource;
  bucketMs: number;
  points: HistoryPoint[];
}

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Bucket widths a person reads easily; a chart's buckets are the smallest of these that fits the budget. */
const NICE_WIDTHS_MS = [
  SECOND,
  2 * SECOND,
  5 * SECOND,
  10 * SECOND,
  15 * SECOND,
  30 * SECOND,
  MINUTE,
  2 * MINUTE,
  5 * MINUTE,
  10 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  2 * HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  DAY,
  2 * DAY,
  7 * DAY,
  30 * DAY,
];

/** Picks the bucket width for a range and budget, and the coarsest source that is still fine enough. */
export function planHistory(rangeMs: number, maxPoints: number): { source: HistorySource; bucketMs: number } {
  const wanted = rangeMs / Math.max(1, maxPoints);
  const bucketMs = NICE_WIDTHS_MS.find((width) => width >= wanted) ?? Math.ceil(wanted / DAY) * DAY;
  const source: HistorySource = bucketMs >= HOUR ? '1h' : 'raw';
  return { source, bucketMs };
}

interface PointRow {
  bucket: Date;
  min: number | null;
  avg: number | null;
  max: number | null;
  count: string | number;
  last: number | null;
}

// The rollup and the raw table are bucketed to the chart's width with the same arithmetic, so both
// sources answer in the same shape: avg = sum / count, last = the newest bucket's last.
const SQL: Record<HistorySource, string> = {
  raw: `
    SELECT date_bin($4::interval, r.time, TIMESTAMPTZ 'epoch') AS bucket,
           min(r.value) AS min, avg(r.value) AS avg, max(r.value) AS max, count(r.value) AS count,
           (array_agg(r.value ORDER BY r.time DESC))[1] AS last
      FROM readings r
     WHERE r.channel = (SELECT num FROM channels WHERE id = $1) AND r.time >= $2 AND r.time < $3
     GROUP BY 1 ORDER BY 1`,
  // readings_1h_archive holds hours older than the raw data when migration 0010 rebuilt readings_1h.
  '1h': `
    SELECT date_bin($4::interval, g.bucket, TIMESTAMPTZ 'epoch') AS bucket,
           min(g.min) AS min, sum(g.sum) / nullif(sum(g.count), 0) AS avg, max(g.max) AS max,
           sum(g.count) AS count, (array_agg(g.last ORDER BY g.bucket DESC))[1] AS last
      FROM (SELECT channel, bucket, min, max, sum, count, last FROM readings_1h
            UNION ALL
            SELECT channel, bucket, min, max, sum, count, last FROM readings_1h_archive) g
     WHERE g.channel = (SELECT num FROM channels WHERE id = $1) AND g.bucket >= $2 AND g.bucket < $3
     GROUP BY 1 ORDER BY 1`,
};

/**
 * A channel's history over [from, to) as chart bands, at most maxPoints of them. The source follows
 * the bucket width: raw readings for buckets under an hour (on TimescaleDB mostly from compressed
 * chunks, one segment per channel), the 1-hour rollup beyond.
 */
export async function readHistory(db: Queryable, request: HistoryRequest): Promise<History> {
  const rangeMs = request.to.getTime() - request.from.getTime();
  if (!(rangeMs > 0))
    throw new RangeError(
      `history range is empty: from ${request.from.toISOString()} to ${request.to.toISOString()}`,
    );
  const { source, bucketMs } = planHistory(rangeMs, request.maxPoints ?? 1_000);
  // Rollup buckets are labelled by their start, so the range is widened to whole hours; minute-wide
  // and wider buckets start on a whole minute, as they did when a 1-minute rollup answered them.
  const unit = source === '1h' ? HOUR : bucketMs >= MINUTE ? MINUTE : 1;
  const from = new Date(Math.floor(request.from.getTime() / unit) * unit);
  const { rows } = await db.query<PointRow>(SQL[source], [
    request.channelId,
    from,
    request.to,
    `${bucketMs / SECOND} seconds`,
  ]);
  return {
    channelId: request.channelId,
    source,
    bucketMs,
    points: rows.map((row) => ({
      time: row.bucket.getTime(),
      min: row.min,
      avg: row.avg,
      max: row.max,
      count: Number(row.count),
      last: row.last,
    })),
  };
}
