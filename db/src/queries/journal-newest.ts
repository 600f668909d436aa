import type { AlarmTransition } from '@city/domain';
import type { Queryable } from '../database';
import { type JournalRow, transitionOf } from './alarm-journal';

/** Whose transitions: one alarm's, or those of every alarm on these subjects (an asset's channels). */
export type NewestJournalSubject =
  | { alarmId: string }
  /** Channel ids as the journal keeps them: a channel's id, or a device's or gateway's comms subject. */
  | { channelIds: readonly string[] };

export interface NewestJournalPage {
  /** Newest first. */
  entries: AlarmTransition[];
  /** Where the next, older page starts (pass it as `before`); null when there is nothing older. */
  older: number | null;
}

/** Above every seq: `seq < NO_CURSOR` is the first page, and keeps the bound usable by the index. */
const NO_CURSOR = '9223372036854775807';

/**
 * The newest `limit` transitions of an alarm or of a set of subjects, newest first, older than the
 * cursor `before` when given. What an operator reads first is what just happened, so screens page
 * backwards from now instead of forwards from the oldest row. One row more than asked tells whether
 * an older page exists. Each subject is read through alarm_journal_channel_idx (migration 0017)
 * backwards from the cursor, at most `limit + 1` rows each, so an asset with a long history costs
 * no more than one with a short one.
 */
export async function newestAlarmJournal(
  db: Queryable,
  subject: NewestJournalSubject,
  page: { before?: number; limit: number },
): Promise<NewestJournalPage> {
  const before = page.before === undefined ? NO_CURSOR : String(page.before);
  const rows =
    'alarmId' in subject
      ? await ofAlarm(db, subject.alarmId, before, page.limit + 1)
      : await ofSubjects(db, [...new Set(subject.channelIds)], before, page.limit + 1);
  const entries = rows.slice(0, page.limit).map(transitionOf);
  const last = entries[entries.length - 1];
  return { entries, older: rows.length > page.limit && last ? last.seq : null };
}

async function ofAlarm(db: Queryable, alarmId: string, before: string, take: number) {
  const { rows } = await db.query<JournalRow>(
    `SELECT * FROM alarm_journal WHERE alarm_id = $1 AND seq < $2::bigint ORDER BY seq DESC LIMIT $3`,
    [alarmId, before, take],
  );
  return rows;
}

async function ofSubjects(db: Queryable, channelIds: string[], before: string, take: number) {
  if (channelIds.length === 0) return [];
  // One short backward index scan per subject, then the newest of those: the planner cannot merge an
  // IN list by seq on its own, and would otherwise read and sort every row of the asset.
  const { rows } = await db.query<JournalRow>(
    `SELECT j.* FROM unnest($1::text[]) AS subject(id)
       CROSS JOIN LATERAL (
         SELECT * FROM alarm_journal
          WHERE channel_id = subject.id AND seq < $2::bigint
          ORDER BY seq DESC LIMIT $3) j
      ORDER BY j.seq DESC LIMIT $3`,
    [channelIds, before, take],
  );
  return rows;
}
