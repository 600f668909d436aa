/** A recorded series: one quantity over time, as the source file gives it. */
export interface RecordedSample {
  /** Start of the interval the value covers (epoch ms, UTC). */
  startMs: number;
  /** End of that interval. */
  endMs: number;
  value: number;
}

/**
 * Why the file has no value for an interval it covers: NDW marked the measurement as technically
 * excluded, the cell is empty, or the source wrote its own "no data" (NDW's -1).
 */
export type GapReason = 'excluded' | 'empty' | 'no-data';

export interface RecordedGap {
  startMs: number;
  endMs: number;
  reason: GapReason;
}

export interface RecordedSeries {
  /** e.g. "NO2" or "RWS01_MONIBAS_0101hrl0239ra/lane1/flow". */
  name: string;
  unit: string;
  /** What one row is an hour of: a lane (NDW) or a station (air quality); it names gaps in reports. */
  per: 'lane' | 'station';
  samples: RecordedSample[];
  /** The intervals the file covers without a value, in time order. */
  gaps: RecordedGap[];
}

/** The value in force at a time, or undefined outside the series and in its gaps. */
export function valueAt(series: RecordedSeries, timeMs: number): number | undefined {
  const { samples } = series;
  let low = 0;
  let high = samples.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const sample = samples[middle] as RecordedSample;
    if (timeMs < sample.startMs) high = middle - 1;
    else if (timeMs >= sample.endMs) low = middle + 1;
    else return sample.value;
  }
  return undefined;
}
