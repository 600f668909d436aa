import type { GapReason, RecordedSeries } from './series';

/** How much of what a replay plays has no data, as reported when it starts. */
export interface GapSummary {
  /** Hours the file covers without a value for some played series (per lane or station). */
  hoursWithoutData: number;
  byReason: Record<GapReason, number>;
  /** What one hour of a played series is: a lane-hour for NDW lanes, an hour otherwise. */
  unit: 'lane-hour' | 'hour';
  /** e.g. "412 lane-hours without data (3 technically excluded, 409 marked -1)". */
  text: string;
}

const HOUR = 3_600_000;
const REASON_TEXT: Record<GapReason, string> = {
  excluded: 'technically excluded',
  empty: 'empty',
  'no-data': 'marked -1',
};

/** What a gap belongs to: an NDW lane (its flow and speed share the lane-hour), or the station. */
const holderOf = (series: RecordedSeries) =>
  series.per === 'lane' ? series.name.slice(0, series.name.lastIndexOf('/')) : '';

const PRECEDENCE: readonly GapReason[] = ['excluded', 'empty', 'no-data'];

/**
 * Counts the hours without data of the series played together: an hour that several of them lack
 * on one lane (flow and speed) or station counts once, under the first of excluded, empty, -1.
 */
export function summariseGaps(series: readonly RecordedSeries[]): GapSummary {
  const hours = new Map<string, { hours: number; reason: GapReason }>();
  for (const entry of series) {
    for (const gap of entry.gaps) {
      const key = `${holderOf(entry)}\u0000${gap.startMs}`;
      const known = hours.get(key);
      if (known && PRECEDENCE.indexOf(known.reason) <= PRECEDENCE.indexOf(gap.reason)) continue;
      hours.set(key, { hours: Math.round((gap.endMs - gap.startMs) / HOUR), reason: gap.reason });
    }
  }
  const byReason: Record<GapReason, number> = { excluded: 0, empty: 0, 'no-data': 0 };
  for (const { hours: count, reason } of hours.values()) byReason[reason] += count;
  const hoursWithoutData = byReason.excluded + byReason.empty + byReason['no-data'];
  const unit = series.length > 0 && series.every((s) => s.per === 'lane') ? 'lane-hour' : 'hour';
  const parts = PRECEDENCE.filter((reason) => byReason[reason] > 0).map(
    (reason) => `${byReason[reason]} ${REASON_TEXT[reason]}`,
  );
  const plural = hoursWithoutData === 1 ? '' : 's';
  const text = `${hoursWithoutData} ${unit}${plural} without data${parts.length > 0 ? ` (${parts.join(', ')})` : ''}`;
  return { hoursWithoutData, byReason, unit, text };
}
