/** Time of day as the city lives it: traffic follows the local clock, not UTC. */
export interface LocalTime {
  /** Fractional hour, 0 <= hour < 24. */
  hour: number;
  weekend: boolean;
  /**
   * The instant itself, for models that need the date (the sun, the seasons). Tests that only set
   * an hour leave it out and get the spring equinox (see instantOf).
   */
  epochMs?: number;
}

/** 2025-03-20, the spring equinox: the date a time without one is taken to be on. */
const EQUINOX_MIDNIGHT_UTC = Date.UTC(2025, 2, 20);

/** The instant of a local time; without a date, that hour (as UTC+1) on the spring equinox. */
export function instantOf(time: LocalTime): number {
  return time.epochMs ?? EQUINOX_MIDNIGHT_UTC + (time.hour - 1) * 3_600_000;
}

/** Returns a converter from epoch milliseconds to local time in an IANA zone (DST-aware). */
export function localTimeIn(timeZone: string): (epochMs: number) => LocalTime {
  const format = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
    hourCycle: 'h23',
  });
  return (epochMs) => {
    const parts = Object.fromEntries(format.formatToParts(epochMs).map((part) => [part.type, part.value]));
    const hour = Number(parts.hour) + Number(parts.minute) / 60 + Number(parts.second) / 3600;
    return { hour, weekend: parts.weekday === 'Sat' || parts.weekday === 'Sun', epochMs };
  };
}

/** A time as a wall clock in some zone shows it; month 1-12, hour 0-24 (24:00 is the next day's midnight). */
export interface WallClockTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const DAY_MS = 86_400_000;

/**
 * Returns a converter from a wall-clock time in an IANA zone to the instants at which the zone's
 * clocks show it, earliest first: one on most days, none in the hour the clocks skip (spring), two
 * in the hour they repeat (autumn). The zone's rules come from Intl, never from our own calendar.
 */
export function instantsOfWallClock(timeZone: string): (time: WallClockTime) => number[] {
  const format = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
    hourCycle: 'h23',
  });
  /** The wall clock at an instant, written as if it were UTC. */
  const wallClockAsUtc = (epochMs: number) => {
    const parts = Object.fromEntries(format.formatToParts(epochMs).map((part) => [part.type, part.value]));
    const [year, month, day] = [Number(parts.year), Number(parts.month), Number(parts.day)];
    return Date.UTC(year, month - 1, day, Number(parts.hour), Number(parts.minute), Number(parts.second));
  };
  const offsetAt = (epochMs: number) => wallClockAsUtc(epochMs) - epochMs;
  return (time) => {
    const asUtc = Date.UTC(time.year, time.month - 1, time.day, time.hour, time.minute, time.second);
    // A zone changes its offset at most once a day, so the offsets a day either side are the only candidates.
    const offsets = new Set([offsetAt(asUtc - DAY_MS), offsetAt(asUtc + DAY_MS)]);
    return [...offsets]
      .map((offset) => asUtc - offset)
      .filter((instant) => wallClockAsUtc(instant) === asUtc)
      .sort((a, b) => a - b);
  };
}
