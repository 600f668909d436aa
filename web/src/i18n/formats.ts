import type { Formats } from 'next-intl';

/**
 * Named formats for every screen (next-intl's `formats`, given by the request config and inherited by
 * the client provider). Control rooms read 24-hour time in every language: English's default would
 * print "03:04:05 PM". Use these names (`format.dateTime(at, 'clock')`) rather than spelling out
 * hours and minutes in each screen, so the rule lives in one place.
 */
export const APP_FORMATS = {
  dateTime: {
    /** 15:04:05 */
    clock: { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' },
    /** 15:04 */
    clockMinutes: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
    /** 5 dec 2026, 15:04:05 */
    stamp: { dateStyle: 'medium', timeStyle: 'medium', hourCycle: 'h23' },
    /** 5 dec 2026, 15:04 */
    stampMinutes: { dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23' },
    /** 05-12-2026 15:04 */
    stampShort: { dateStyle: 'short', timeStyle: 'short', hourCycle: 'h23' },
  },
} as const satisfies Formats;
