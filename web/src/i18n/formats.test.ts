import { createFormatter } from 'next-intl';
import { describe, expect, it } from 'vitest';
import { APP_FORMATS } from './formats';
import { CITY_TIME_ZONE, LOCALES } from './locales';

const formatterIn = (locale: (typeof LOCALES)[number]) =>
  createFormatter({ locale, timeZone: CITY_TIME_ZONE, formats: APP_FORMATS });

// 5 Dec 2026 15:04:05 in Amsterdam (UTC+1), an afternoon: where a 12-hour clock would say PM.
const AFTERNOON = Date.UTC(2026, 11, 5, 14, 4, 5);

describe('clock times on every screen', () => {
  for (const locale of LOCALES) {
    it(`read 24-hour in ${locale}, in the city's time zone`, () => {
      const format = formatterIn(locale);
      expect(format.dateTime(AFTERNOON, 'clock')).toBe('15:04:05');
      expect(format.dateTime(AFTERNOON, 'clockMinutes')).toBe('15:04');
      expect(format.dateTime(AFTERNOON, 'stamp')).toMatch(/15:04:05/);
      expect(format.dateTime(AFTERNOON, 'stampShort')).toMatch(/15:04/);
      expect(format.dateTime(AFTERNOON, 'stamp')).not.toMatch(/PM|p\.m\./i);
    });
  }

  it('shows midnight as 00, not 24, and follows summer time', () => {
    const format = formatterIn('en');
    expect(format.dateTime(Date.UTC(2026, 11, 5, 23, 5, 0), 'clock')).toBe('00:05:00');
    expect(format.dateTime(Date.UTC(2026, 6, 1, 23, 5, 0), 'clock')).toBe('01:05:00');
  });

  it('would have read 12-hour in English without the named format (what the formats fix)', () => {
    expect(
      formatterIn('en').dateTime(AFTERNOON, { hour: '2-digit', minute: '2-digit', second: '2-digit' }),
    ).toMatch(/PM/);
  });
});
