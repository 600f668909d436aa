import { describe, expect, it } from 'vitest';
import { AMSTERDAM, isDark, sunElevation, sunTimes } from './solar';

const MINUTE = 60_000;
/** Published Amsterdam times (KNMI / timeanddate.com), to the minute. */
const at = (iso: string) => Date.parse(iso);

describe('the sun over Amsterdam', () => {
  it('sets at about 22:06 summer time on midsummer and 16:29 winter time at midwinter', () => {
    const june = sunTimes(at('2025-06-21T12:00:00Z'));
    expect(Math.abs(june.sunset - at('2025-06-21T22:06:00+02:00'))).toBeLessThan(5 * MINUTE);
    expect(Math.abs(june.sunrise - at('2025-06-21T05:18:00+02:00'))).toBeLessThan(5 * MINUTE);
    const december = sunTimes(at('2025-12-21T09:00:00Z'));
    expect(Math.abs(december.sunset - at('2025-12-21T16:29:00+01:00'))).toBeLessThan(5 * MINUTE);
    expect(Math.abs(december.sunrise - at('2025-12-21T08:48:00+01:00'))).toBeLessThan(5 * MINUTE);
  });

  it('gives about twelve hours of daylight at the equinox', () => {
    const { sunrise, sunset } = sunTimes(at('2025-03-20T12:00:00Z'));
    expect((sunset - sunrise) / 3_600_000).toBeGreaterThan(12);
    expect((sunset - sunrise) / 3_600_000).toBeLessThan(12.4);
  });

  it('stands about 61° high at midsummer noon and below the horizon at midnight', () => {
    expect(sunElevation(at('2025-06-21T11:40:00Z'), AMSTERDAM)).toBeCloseTo(61, 0);
    expect(sunElevation(at('2025-12-21T11:40:00Z'))).toBeCloseTo(14.2, 0);
    expect(sunElevation(at('2025-06-21T23:40:00Z'))).toBeLessThan(-10);
  });

  it('calls it dark between sunset and sunrise, on either side of midnight', () => {
    expect(isDark(at('2025-06-21T22:30:00+02:00'))).toBe(true);
    expect(isDark(at('2025-06-22T01:00:00+02:00'))).toBe(true);
    expect(isDark(at('2025-06-21T21:30:00+02:00'))).toBe(false);
    expect(isDark(at('2025-12-21T16:45:00+01:00'))).toBe(true);
    expect(isDark(at('2025-12-21T08:30:00+01:00'))).toBe(true);
    expect(isDark(at('2025-12-21T12:00:00+01:00'))).toBe(false);
  });
});
