import {
  dutchInstants,
  fail,
  HOUR,
  numberOrEmpty,
  type RepeatedHours,
  type RowContext,
  type SeriesCollector,
  wallClockOf,
} from './rows';

const AIR_UNIT = 'µg/m³';

/**
 * One row of a Luchtmeetnet station export, in either of its two forms, both hour-ending:
 * - Date + Hour (0-23 in the exports seen; 24 is read too) in local Dutch time: hour 2 of 2017-04-30
 *   is the hour ending 02:00 there, hour 0 of 2017-05-01 the hour ending at that midnight;
 * - DateTime with its UTC offset, e.g. "2017-05-01 02:00:00+02:00" for the hour ending then.
 * Either way the value covers the hour before that instant. An empty Concentration is a gap.
 */
export function readLuchtmeetnetRow(at: RowContext, into: SeriesCollector, repeated: RepeatedHours): void {
  const pollutant = at.row.Pollutant ?? '';
  if (pollutant === '') fail(at, 'Pollutant', 'the name of a pollutant, e.g. NO2');
  const endMs = 'DateTime' in at.row ? endOfDateTime(at) : endOfDateAndHour(at, pollutant, repeated);
  const value = numberOrEmpty(at, 'Concentration');
  if (value === undefined) into.gap(pollutant, AIR_UNIT, { startMs: endMs - HOUR, endMs, reason: 'empty' });
  else into.sample(pollutant, AIR_UNIT, { startMs: endMs - HOUR, endMs, value });
}

const WITH_OFFSET = /^\d{4}-\d\d-\d\d[ T]\d\d:\d\d(?::\d\d)?(?:Z|[+-]\d\d:?\d\d)$/;

function endOfDateTime(at: RowContext): number {
  const text = at.row.DateTime ?? '';
  const ms = WITH_OFFSET.test(text) ? Date.parse(text.replace(' ', 'T')) : Number.NaN;
  if (!Number.isFinite(ms))
    fail(at, 'DateTime', `a time with its UTC offset, such as 2017-05-01 02:00:00+02:00 (got "${text}")`);
  return ms;
}

function endOfDateAndHour(at: RowContext, pollutant: string, repeated: RepeatedHours): number {
  const hour = numberOrEmpty(at, 'Hour');
  if (hour === undefined || !Number.isInteger(hour) || hour < 0 || hour > 24)
    fail(at, 'Hour', `an hour from 0 to 24 (got "${at.row.Hour ?? ''}")`);
  const date = at.row.Date ?? '';
  const end = /^\d{4}-\d\d-\d\d$/.test(date) ? wallClockOf(date, hour) : undefined;
  if (!end) fail(at, 'Date', `a date such as 2017-04-30 (got "${date}")`);
  const instant = repeated.pick(pollutant, `${date} ${hour}`, dutchInstants(end));
  // The hour ending at the March jump may be labelled with the skipped time: it ends an hour after the one before.
  return instant ?? (dutchInstants({ ...end, hour: hour - 1 })[0] as number) + HOUR;
}

/** One row of an hourly PM2.5 file (Luchtmeetnet via Hollandse Luchten): hour-starting, UTC. */
export function readPm25Row(at: RowContext, into: SeriesCollector): void {
  const text = at.row.datetime ?? '';
  const startMs = Date.parse(text.replace(' ', 'T').replace(/(T\d\d:\d\d:\d\d)$/, '$1Z'));
  if (!Number.isFinite(startMs))
    fail(at, 'datetime', `a time such as 2023-01-01 00:00:00+00:00 (got "${text}")`);
  const value = numberOrEmpty(at, 'pm25');
  const interval = { startMs, endMs: startMs + HOUR };
  if (value === undefined) into.gap('PM25', AIR_UNIT, { ...interval, reason: 'empty' });
  else into.sample('PM25', AIR_UNIT, { ...interval, value });
}
