import { DataFileError } from '../lib/data-file';
import { instantsOfWallClock, type WallClockTime } from '../simulators/signals/local-time';
import type { RecordedGap, RecordedSample, RecordedSeries } from './series';

export const HOUR = 3_600_000;
export type Row = Record<string, string>;

/** One row of a recorded file, with what every format needs to read it and to refuse it. */
export interface RowContext {
  file: string;
  /** 1-based line in the file (the header is line 1). */
  line: number;
  row: Row;
}

export function fail(at: Pick<RowContext, 'file' | 'line'>, field: string, expected: string): never {
  throw new DataFileError(at.file, [{ path: field, line: at.line, message: `expected ${expected}` }]);
}

/** A cell as a number; undefined when it is empty, which each format decides how to take. */
export function numberOrEmpty(at: RowContext, field: string): number | undefined {
  const text = at.row[field];
  if (text === undefined || text === '') return undefined;
  const value = Number(text);
  if (!Number.isFinite(value)) fail(at, field, `a number (got "${text}")`);
  return value;
}

/** Collects the samples and gaps of every series in a file, then hands them over in time order. */
export class SeriesCollector {
  readonly #series = new Map<string, RecordedSeries>();
  constructor(private readonly per: RecordedSeries['per']) {}

  #entry(name: string, unit: string): RecordedSeries {
    let entry = this.#series.get(name);
    if (!entry) {
      entry = { name, unit, per: this.per, samples: [], gaps: [] };
      this.#series.set(name, entry);
    }
    return entry;
  }

  sample(name: string, unit: string, sample: RecordedSample): void {
    this.#entry(name, unit).samples.push(sample);
  }

  gap(name: string, unit: string, gap: RecordedGap): void {
    this.#entry(name, unit).gaps.push(gap);
  }

  series(): RecordedSeries[] {
    for (const entry of this.#series.values()) {
      entry.samples.sort((a, b) => a.startMs - b.startMs);
      entry.gaps.sort((a, b) => a.startMs - b.startMs);
    }
    return [...this.#series.values()];
  }
}

const WALL_CLOCK = /^(\d{4})-(\d\d)-(\d\d)(?: (\d\d):(\d\d):(\d\d))?$/;

/** "2023-09-18 14:00:00" (or a bare date, at hour `hour`) as a wall-clock time; undefined if it is none. */
export function wallClockOf(text: string, hour?: number): WallClockTime | undefined {
  const match = WALL_CLOCK.exec(text);
  if (!match) return undefined;
  const [year, month, day, h, minute, second] = match.slice(1).map((part) => Number(part ?? 0));
  const time = { year, month, day, hour: hour ?? h, minute, second } as WallClockTime;
  const date = new Date(Date.UTC(time.year, time.month - 1, time.day));
  const realDate = date.getUTCMonth() === time.month - 1 && date.getUTCDate() === time.day;
  const realTime = time.hour <= 24 && time.minute < 60 && time.second < 60;
  return realDate && realTime && (time.hour < 24 || (time.minute === 0 && time.second === 0))
    ? time
    : undefined;
}

/**
 * The instants a Dutch wall-clock time stands for (Intl's rules for Europe/Amsterdam): none in the
 * hour skipped in March, two in the hour repeated in October.
 */
export const dutchInstants = instantsOfWallClock('Europe/Amsterdam');

/**
 * In the hour the clocks repeat, a file lists the same wall-clock time twice for one series: the first
 * is summer time, the second winter time. Remembers what each series has had, to tell them apart.
 */
export class RepeatedHours {
  readonly #seen = new Set<string>();

  /** Picks the instant of a wall-clock time a series lists, from the candidates it has. */
  pick(series: string, wallClock: string, instants: readonly number[]): number | undefined {
    if (instants.length < 2) return instants[0];
    const key = `${series}\u0000${wallClock}`;
    const repeated = this.#seen.has(key);
    this.#seen.add(key);
    return repeated ? instants[1] : instants[0];
  }
}
