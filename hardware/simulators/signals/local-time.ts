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
