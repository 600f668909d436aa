import type { Queryable } from '../database';

/**
 * Alarm-system health after EEMUA 191 and ISA-18.2: how many alarms an operator gets, when they came
 * in floods, and which alarms are the bad actors (most frequent, chattering).
 */
export interface AlarmKpis {
  from: Date;
  to: Date;
  operators: number;
  activations: number;
  /** Average alarms per 10 minutes per operator (ISA-18.2: about 1 is manageable, 2 at most). */
  perTenMinutesPerOperator: number;
  /** The busiest 10 minutes. */
  peakTenMinutes: number;
  /**
   * Activations in each 10-minute window of the period, from `from` on (the last window may be cut
   * short by `to`): what a rate chart draws, without reading the journal itself.
   */
  perTenMinutes: number[];
  /** 10-minute windows with more than 10 alarms per operator (ISA-18.2's alarm flood). */
  floods: { start: Date; activations: number }[];
  /** Share of the period spent in flood, 0..1 (ISA-18.2: under 1 %). */
  floodShare: number;
  topFrequent: { alarmId: string; activations: number }[];
  /** Alarms that activated 3 or more times within a minute (ISA-18.2's chattering), with how often. */
  chattering: { alarmId: string; episodes: number }[];
}

const TEN_MINUTES_MS = 600_000;
const FLOOD_PER_OPERATOR = 10;

export async function alarmKpis(
  db: Queryable,
  range: { from: Date; to: Date; operators?: number },
): Promise<AlarmKpis> {
  const operators = Math.max(1, range.operators ?? 1);
  const params = [range.from, range.to];
  const activations = `SELECT alarm_id, at FROM alarm_journal WHERE event = 'activated' AND at >= $1 AND at < $2`;
  const [windows, frequent, chattering] = await Promise.all([
    db.query<{ start: Date; n: number }>(
      `SELECT date_bin('10 minutes', at, $1::timestamptz) AS start, count(*)::int AS n
         FROM (${activations}) a GROUP BY 1 ORDER BY 1`,
      params,
    ),
    db.query<{ alarm_id: string; n: number }>(
      `SELECT alarm_id, count(*)::int AS n FROM (${activations}) a
        GROUP BY alarm_id ORDER BY n DESC, alarm_id LIMIT 10`,
      params,
    ),
    db.query<{ alarm_id: string; n: number }>(
      `SELECT alarm_id, count(*)::int AS n FROM (
         SELECT alarm_id, count(*) OVER (
                  PARTITION BY alarm_id ORDER BY at RANGE BETWEEN interval '60 seconds' PRECEDING AND CURRENT ROW
                ) AS in_last_minute
           FROM (${activations}) a) w
        WHERE in_last_minute = 3
        GROUP BY alarm_id ORDER BY n DESC, alarm_id`,
      params,
    ),
  ]);
  const total = windows.rows.reduce((sum, row) => sum + row.n, 0);
  const periodWindows = Math.max(1, (range.to.getTime() - range.from.getTime()) / TEN_MINUTES_MS);
  const floods = windows.rows
    .filter((row) => row.n > FLOOD_PER_OPERATOR * operators)
    .map((row) => ({ start: row.start, activations: row.n }));
  return {
    from: range.from,
    to: range.to,
    operators,
    activations: total,
    perTenMinutesPerOperator: total / periodWindows / operators,
    peakTenMinutes: Math.max(0, ...windows.rows.map((row) => row.n)),
    perTenMinutes: countsPerWindow(windows.rows, range.from, Math.ceil(periodWindows)),
    floods,
    floodShare: Math.min(1, floods.length / periodWindows),
    topFrequent: frequent.rows.map((row) => ({ alarmId: row.alarm_id, activations: row.n })),
    chattering: chattering.rows.map((row) => ({ alarmId: row.alarm_id, episodes: row.n })),
  };
}

/** The query's non-empty windows spread over every window of the period, empty ones as 0. */
function countsPerWindow(rows: readonly { start: Date; n: number }[], from: Date, windows: number): number[] {
  const counts = new Array<number>(windows).fill(0);
  for (const row of rows) {
    const index = Math.round((row.start.getTime() - from.getTime()) / TEN_MINUTES_MS);
    if (index >= 0 && index < windows) counts[index] = row.n;
  }
  return counts;
}
