import { type LatestValue, severityOf } from '@city/domain';

/** How a live value is to be trusted, as the console's quality words name it. */
export type LiveQuality = 'good' | 'uncertain' | 'bad' | 'stale' | 'none';

/**
 * A value older than this is stale even with a good status: the gateway polls every second or so, so
 * two minutes without a new value means the link or the gateway has stopped delivering.
 */
export const STALE_AFTER_MS = 120_000;

export function liveQuality(value: LatestValue | undefined, now: number): LiveQuality {
  if (!value) return 'none';
  const severity = severityOf(value.statusCode);
  if (severity === 'bad') return 'bad';
  if (now - value.sourceTime > STALE_AFTER_MS) return 'stale';
  if (value.value === null) return severity === 'good' ? 'none' : 'uncertain';
  return severity;
}

export type AgeUnit = 'seconds' | 'minutes' | 'hours' | 'days';

/** "12 s", "3 min", "5 h", "2 d": whole units, the largest that fits, never negative (clock skew). */
export function ageOf(sourceTime: number, now: number): { amount: number; unit: AgeUnit } {
  const seconds = Math.max(0, Math.floor((now - sourceTime) / 1_000));
  if (seconds < 120) return { amount: seconds, unit: 'seconds' };
  const minutes = Math.floor(seconds / 60);
  if (minutes < 120) return { amount: minutes, unit: 'minutes' };
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return { amount: hours, unit: 'hours' };
  return { amount: Math.floor(hours / 24), unit: 'days' };
}

/**
 * Decimals follow the channel's display range: a 0–4 m well reads "1.25", a 0–1000 m³/h flow "412".
 * A count, state or switch (no unit, whole-number range) reads as a whole number: "1", not "1.00".
 */
export function fractionDigits([low, high]: readonly [number, number], unit = 'm'): number {
  const span = Math.abs(high - low);
  if (unit === '' && Number.isInteger(low) && Number.isInteger(high) && span <= 100) return 0;
  return span > 500 ? 0 : span > 20 ? 1 : 2;
}
