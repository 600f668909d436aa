/** A time in alarm as the preview words it: minutes, hours and minutes, or days and hours. */
export type DurationParts =
  | { unit: 'zero' }
  | { unit: 'minutes'; minutes: number }
  | { unit: 'hours'; hours: number; minutes: number }
  | { unit: 'days'; days: number; hours: number };

const MINUTE = 60_000;

export function durationParts(ms: number): DurationParts {
  const totalMinutes = Math.round(Math.max(0, ms) / MINUTE);
  if (totalMinutes === 0) return { unit: 'zero' };
  if (totalMinutes < 60) return { unit: 'minutes', minutes: totalMinutes };
  const totalHours = Math.floor(totalMinutes / 60);
  if (totalHours < 24) return { unit: 'hours', hours: totalHours, minutes: totalMinutes % 60 };
  return { unit: 'days', days: Math.floor(totalHours / 24), hours: totalHours % 24 };
}
