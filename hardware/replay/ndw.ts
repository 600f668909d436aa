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
import type { GapReason } from './series';

/**
 * One row of an NDW hourly export (Dexter): a lane of a measurement site over one period, in local
 * Dutch time. gem_intensiteit is veh/h and gem_snelheid km/h; -1 is NDW's "no data" (for speed also
 * an hour without traffic). technical_exclusion lists the quantities NDW excluded for that lane-hour:
 * "i" the flow (intensiteit), "v" the speed; any other mark excludes both. An excluded or empty value
 * is a gap in the series, not an error.
 */
export function readNdwRow(at: RowContext, into: SeriesCollector, repeated: RepeatedHours): void {
  const site = required(at, 'id_meetlocatie');
  const lane = required(at, 'rijstrook_rijbaan');
  const laneName = `${site}/${lane}`;
  const { startMs, endMs } = periodOf(at, laneName, repeated);
  const excluded = exclusionsOf(at.row.technical_exclusion ?? '');
  const quantities = [
    { field: 'gem_intensiteit', name: 'flow', unit: 'veh/h', mark: 'i' },
    { field: 'gem_snelheid', name: 'speed', unit: 'km/h', mark: 'v' },
  ] as const;
  for (const { field, name, unit, mark } of quantities) {
    const series = `${laneName}/${name}`;
    const value = numberOrEmpty(at, field);
    const gap: GapReason | undefined =
      excluded === 'all' || excluded.has(mark)
        ? 'excluded'
        : value === undefined
          ? 'empty'
          : value === -1
            ? 'no-data'
            : undefined;
    if (gap) into.gap(series, unit, { startMs, endMs, reason: gap });
    else if (value !== undefined && value >= 0) into.sample(series, unit, { startMs, endMs, value });
    else fail(at, field, `a value of 0 or more, -1 (no data) or nothing (got ${value})`);
  }
}

function required(at: RowContext, field: string): string {
  const value = at.row[field];
  if (!value) fail(at, field, 'a value (the site id or lane, e.g. RWS01_MONIBAS_0101hrr0239ra, lane1)');
  return value;
}

function exclusionsOf(text: string): Set<string> | 'all' {
  const marks = text
    .split(',')
    .map((mark) => mark.trim())
    .filter((mark) => mark !== '');
  return marks.some((mark) => mark !== 'i' && mark !== 'v') ? 'all' : new Set(marks);
}

/**
 * The period's instants. Its start is a local time (the second listing of a repeated October hour is
 * the winter-time one); it ends after its length on the wall clock, or where the end's local time
 * falls if that is sooner, so a period across the March jump lasts the hour it really did.
 */
function periodOf(
  at: RowContext,
  laneName: string,
  repeated: RepeatedHours,
): { startMs: number; endMs: number } {
  const startText = at.row.start_meetperiode ?? '';
  const endText = at.row.eind_meetperiode ?? '';
  const start = wallClockOf(startText);
  const end = wallClockOf(endText);
  if (!start) fail(at, 'start_meetperiode', `a local time such as 2023-09-18 14:00:00 (got "${startText}")`);
  if (!end) fail(at, 'eind_meetperiode', `a local time such as 2023-09-18 15:00:00 (got "${endText}")`);
  const startMs = repeated.pick(laneName, startText, dutchInstants(start));
  if (startMs === undefined)
    fail(
      at,
      'start_meetperiode',
      `a local Dutch time; ${startText} does not exist (the clocks skip that hour)`,
    );
  const wallLength =
    Date.UTC(end.year, end.month - 1, end.day, end.hour, end.minute, end.second) -
    Date.UTC(start.year, start.month - 1, start.day, start.hour, start.minute, start.second);
  const endInstants = dutchInstants(end);
  const endMs = Math.min(startMs + wallLength, endInstants.at(-1) ?? Number.POSITIVE_INFINITY);
  if (!(endMs > startMs && endMs - startMs <= 24 * HOUR))
    fail(at, 'eind_meetperiode', `a time after start_meetperiode, at most a day later (got "${endText}")`);
  return { startMs, endMs };
}
