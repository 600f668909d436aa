import { listChannels, newestAlarmJournal } from '@city/db';
import { type Channel, deviceCommsSubject, IdSchema } from '@city/domain';
import { z } from 'zod';
import { viewProcedure } from './init';

/** The most entries one page may hold: a screen shows a page, and asks for the next when scrolled to. */
export const NEWEST_JOURNAL_MAX_PAGE = 500;

const NewestJournalInput = z
  .strictObject({
    /** One alarm's transitions (the alarm journal dialog)… */
    alarmId: z.string().min(3).max(300).optional(),
    /** …or those of every alarm of an asset: its channels and the devices that feed them (the asset page). */
    assetId: IdSchema.optional(),
    /** The page's `older` from the page before: entries older than that seq. Absent for the newest. */
    cursor: z.int().positive().nullish(),
    /** Sent by TanStack Query's infinite queries; pages only go back in time, so it changes nothing. */
    direction: z.enum(['forward', 'backward']).optional(),
    limit: z.int().min(1).max(NEWEST_JOURNAL_MAX_PAGE).default(50),
  })
  .refine((input) => (input.alarmId === undefined) !== (input.assetId === undefined), {
    message: 'give either alarmId or assetId',
  });

/**
 * The subjects an asset's alarms are journaled under: its channels, and the communications subject of
 * each device that feeds them (a silent PLC is the asset's alarm too, as the asset page shows it).
 */
export function journalSubjectsOf(channels: readonly Pick<Channel, 'id' | 'source'>[]): string[] {
  const subjects = new Set(channels.map((channel) => channel.id));
  for (const channel of channels) {
    if (channel.source) subjects.add(deviceCommsSubject(channel.source.deviceId));
  }
  return [...subjects];
}

/**
 * An alarm's or an asset's journal, newest first, a page at a time: `older` is the next page's
 * cursor, null at the start. What just happened is what an operator reads first, however long the
 * history behind it.
 */
export const newestJournalProcedure = viewProcedure
  .input(NewestJournalInput)
  .query(async ({ ctx, input }) => {
    const page = { before: input.cursor ?? undefined, limit: input.limit };
    if (input.alarmId !== undefined) return newestAlarmJournal(ctx.db, { alarmId: input.alarmId }, page);
    const channels = (await listChannels(ctx.db)).filter((channel) => channel.assetId === input.assetId);
    return newestAlarmJournal(ctx.db, { channelIds: journalSubjectsOf(channels) }, page);
  });
