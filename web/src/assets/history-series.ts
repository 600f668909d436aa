/**
 * The history API's buckets as uPlot's aligned columns. A bucket without values (a device that did
 * not answer) and a bucket that is missing altogether both become nulls, so the chart draws a gap
 * instead of a line across time in which nothing was measured.
 */

export interface HistoryBucket {
  time: number;
  min: number | null;
  avg: number | null;
  max: number | null;
}

export interface HistoryAnswer {
  bucketMs: number;
  points: readonly HistoryBucket[];
}

/** uPlot's columns: x in seconds, then min, avg, max. */
export interface ChartSeries {
  x: number[];
  min: (number | null)[];
  avg: (number | null)[];
  max: (number | null)[];
  /** Stretches without values between the first and the last measured bucket. */
  gaps: number;
}

/** Buckets further apart than this many widths have missing buckets between them. */
const GAP_FACTOR = 1.5;
/**
 * Zoomed in to buckets finer than the device is read, most buckets are empty by nature: then a gap is
 * a spacing this many times the usual one, so a poll that came a second late is not a gap.
 */
const SAMPLING_GAP_FACTOR = 2.5;

export function toChartSeries(history: HistoryAnswer): ChartSeries {
  const series: ChartSeries = { x: [], min: [], avg: [], max: [], gaps: 0 };
  const points = [...history.points].sort((a, b) => a.time - b.time);
  const gapAfterMs = Math.max(GAP_FACTOR * history.bucketMs, SAMPLING_GAP_FACTOR * medianSpacing(points));
  let previous: number | null = null;
  for (const point of points) {
    if (previous !== null && point.time - previous > gapAfterMs) {
      push(series, previous + history.bucketMs, null, null, null);
    }
    push(series, point.time, point.min, point.avg, point.max);
    previous = point.time;
  }
  series.gaps = countGaps(series.avg);
  return series;
}

/** The usual distance between buckets that came back (0 with fewer than two). */
function medianSpacing(points: readonly HistoryBucket[]): number {
  const spacings = points.slice(1).map((point, i) => point.time - (points[i]?.time ?? point.time));
  if (spacings.length === 0) return 0;
  spacings.sort((a, b) => a - b);
  // The lower median: with few buckets, one long silence must not become the usual spacing.
  return spacings[Math.floor((spacings.length - 1) / 2)] ?? 0;
}

function push(series: ChartSeries, time: number, min: number | null, avg: number | null, max: number | null) {
  series.x.push(time / 1_000);
  series.min.push(min);
  series.avg.push(avg);
  series.max.push(max);
}

/** Runs of nulls with a value on both sides: no data before the first value is not a gap. */
export function countGaps(values: readonly (number | null)[]): number {
  let gaps = 0;
  let seenValue = false;
  let inGap = false;
  for (const value of values) {
    if (value === null) {
      if (seenValue) inGap = true;
      continue;
    }
    if (inGap) gaps += 1;
    inGap = false;
    seenValue = true;
  }
  return gaps;
}

/**
 * The y range that shows the data and every limit line, with a little air above and below. A flat
 * line (a lamp dimmed to 0 all day) gets a twentieth of the channel's display range as air, kept
 * inside that range, so the axis reads 0 to 5 % rather than -0.1 to 0.1.
 */
export function valueRange(
  series: Pick<ChartSeries, 'min' | 'max'>,
  limits: readonly number[],
  displayRange: readonly [number, number] = [0, 1],
): [number, number] | null {
  const values = [...series.min, ...series.max, ...limits].filter(
    (value): value is number => value !== null && Number.isFinite(value),
  );
  if (values.length === 0) return null;
  const low = Math.min(...values);
  const high = Math.max(...values);
  const [displayLow, displayHigh] = displayRange;
  const pad = Math.max((high - low) * 0.08, Math.abs(displayHigh - displayLow) / 20);
  return [
    low >= displayLow ? Math.max(displayLow, low - pad) : low - pad,
    high <= displayHigh ? Math.min(displayHigh, high + pad) : high + pad,
  ];
}
