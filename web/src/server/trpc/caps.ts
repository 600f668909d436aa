import { LayerSchema } from '@city/domain';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';

/**
 * What one call may ask for. A cheap request must not become an expensive one: every list, string
 * and time range a caller sends is bounded, and a refusal names the bound so the caller can fix the
 * call (tested in caps.test.ts as a caller meets each one).
 */
export const CAPS = {
  /** The map's layers, each once. */
  layers: LayerSchema.options.length,
  /** As many as a screen may watch over the socket (screen-access.ts). */
  districts: 100,
  districtChars: 100,
  /** Channels in one `map.latest` call: more than any city screen shows at once. */
  channelIds: 5_000,
  /** The KPIs, alarm journal: a month, the period ISA-18.2 reports are made over. */
  kpiDays: 31,
  journalDays: 31,
  /** A chart's range: a year of hourly points is still under 9,000 rows. */
  historyDays: 366,
  /** Raw readings are read for at most this long per call; a longer chart gets hourly buckets. */
  rawHistoryDays: 31,
} as const;

const DAY_MS = 86_400_000;

/** An array of `item` of at most `max` entries, refused with a message naming the cap. */
export function cappedList<T extends z.ZodType>(item: T, max: number, what: string) {
  return z.array(item).max(max, `at most ${max} ${what} per call`);
}

/** A district name, as long as the socket's selection allows. */
export const DistrictSchema = z
  .string()
  .min(1)
  .max(CAPS.districtChars, `a district name has at most ${CAPS.districtChars} characters`);

/**
 * Refuses a period longer than `maxDays` (or one that ends before it starts), naming the cap: "the
 * KPIs cover at most 31 days per call".
 */
export function checkPeriod(what: string, from: Date, to: Date, maxDays: number): void {
  if (from >= to) throw new TRPCError({ code: 'BAD_REQUEST', message: '"from" must be before "to"' });
  if (to.getTime() - from.getTime() > maxDays * DAY_MS)
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: `${what} cover${what.endsWith('s') ? '' : 's'} at most ${maxDays} days per call; ask for a shorter period`,
    });
}

/**
 * The most points a history call may get from raw readings: beyond `rawHistoryDays` a chart is
 * answered from the hourly rollup, at most one point per hour of the range. The answer's `source`
 * and `bucketMs` say what came back; "at most maxPoints" still holds.
 */
export function historyPoints(from: Date, to: Date, maxPoints: number): number {
  const rangeMs = to.getTime() - from.getTime();
  if (rangeMs <= CAPS.rawHistoryDays * DAY_MS) return maxPoints;
  return Math.max(1, Math.min(maxPoints, Math.floor(rangeMs / 3_600_000)));
}
