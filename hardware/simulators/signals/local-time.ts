/** Time of day as the city lives it: traffic follows the local clock, not UTC. */
export interface LocalTime {
  /** Fractional hour, 0 <= hour < 24. */
  hour: number;
  weekend: boolean;
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
    return { hour, weekend: parts.weekday === 'Sat' || parts.weekday === 'Sun' };
  };
}
