import type {
  Alarm,
  AlarmEvent,
  AlarmMessage,
  AlarmPriority,
  AlarmState,
  AlarmTransition,
} from '@city/domain';
import type { Database, Queryable } from '../database';
import { type AlarmRecord, alarmView } from './alarms';
import { type AuditEntry, recordAudit } from './audit';

/** One transition to journal, and its alarm's state right after it. */
export interface TransitionToRecord {
  record: AlarmRecord;
  transition: Omit<AlarmTransition, 'seq' | 'alarm'>;
}

/** The alarm a journal row keeps: as screens see it, less the seq, which is the row's own. */
type JournaledAlarm = Omit<Alarm, 'seq'>;

/**
 * Writes transitions in one transaction: each goes into the journal (which hands out its seq) with
 * the alarm as it stood right after it, and leaves its alarm's state beside it. Returns the
 * transitions with their seqs and alarms, in order.
 */
export async function recordAlarmTransitions(
  db: Database,
  items: readonly TransitionToRecord[],
  /** An operator's action: its audit row is written in the same transaction, or nothing is. */
  audit?: AuditEntry,
): Promise<AlarmTransition[]> {
  if (items.length === 0 && !audit) return [];
  return db.transaction(async (tx) => {
    if (audit) await recordAudit(tx, audit);
    if (items.length === 0) return [];
    const entries = items.map(({ record, transition }) => ({
      transition,
      alarm: alarmView(record, transition.priority),
    }));
    const { rows } = await tx.query<{ seq: string }>(
      `INSERT INTO alarm_journal (alarm_id, rule_id, channel_id, event, state, priority, message, value, at, actor,
                                  note, alarm)
       SELECT j.alarm_id, j.rule_id, j.channel_id, j.event, j.state, j.priority, j.message, j.value,
              to_timestamp(j.at / 1000.0), j.actor, j.note, j.alarm
         FROM jsonb_to_recordset($1::jsonb) AS j(
           n int, alarm_id text, rule_id text, channel_id text, event text, state text, priority smallint,
           message jsonb, value float8, at float8, actor text, note text, alarm jsonb)
        ORDER BY n
       RETURNING seq`,
      [
        JSON.stringify(
          entries.map(({ transition: t, alarm: { seq: _seq, ...alarm } }, n) => {
            return {
              n,
              alarm_id: t.alarmId,
              rule_id: t.ruleId,
              channel_id: t.channelId,
              event: t.event,
              state: t.state,
              priority: t.priority,
              message: t.message,
              value: t.value,
              at: t.at,
              actor: t.actor,
              note: t.note,
              alarm: alarm satisfies JournaledAlarm,
            };
          }),
        ),
      ],
    );
    const seqs = rows.map((row) => Number(row.seq)).sort((a, b) => a - b);
    const recorded = entries.map(({ transition, alarm }, index): AlarmTransition => {
      const seq = seqs[index] ?? 0;
      return { ...transition, seq, alarm: { ...alarm, seq } };
    });
    // The newest state of each alarm touched, with the seq of its last transition.
    const latest = new Map<string, AlarmRecord>();
    items.forEach(({ record }, index) => {
      latest.set(record.id, { ...record, seq: seqs[index] ?? 0 });
    });
    await saveAlarmRecords(tx, [...latest.values()]);
    return recorded;
  });
}

async function saveAlarmRecords(tx: Queryable, records: readonly AlarmRecord[]): Promise<void> {
  await tx.query(
    `INSERT INTO alarms (id, rule_id, channel_id, active, acknowledged, shelve_kind, shelved_until,
                         out_of_service_reason, suppressed_by, value, message, activated_at, cleared_at, seq)
     SELECT a.id, a.rule_id, a.channel_id, a.active, a.acknowledged, a.shelve_kind,
            to_timestamp(a.shelved_until / 1000.0), a.out_of_service_reason, a.suppressed_by, a.value,
            a.message, to_timestamp(a.activated_at / 1000.0), to_timestamp(a.cleared_at / 1000.0), a.seq
       FROM jsonb_to_recordset($1::jsonb) AS a(
         id text, rule_id text, channel_id text, active boolean, acknowledged boolean, shelve_kind text,
         shelved_until float8, out_of_service_reason text, suppressed_by text, value float8, message jsonb,
         activated_at float8, cleared_at float8, seq bigint)
     ON CONFLICT (id) DO UPDATE SET
       active = excluded.active, acknowledged = excluded.acknowledged, shelve_kind = excluded.shelve_kind,
       shelved_until = excluded.shelved_until, out_of_service_reason = excluded.out_of_service_reason,
       suppressed_by = excluded.suppressed_by, value = excluded.value, message = excluded.message,
       activated_at = excluded.activated_at, cleared_at = excluded.cleared_at, seq = excluded.seq`,
    [
      JSON.stringify(
        records.map((r) => ({
          id: r.id,
          rule_id: r.ruleId,
          channel_id: r.channelId,
          active: r.active,
          acknowledged: r.acknowledged,
          shelve_kind: r.shelveKind,
          shelved_until: r.shelvedUntil,
          out_of_service_reason: r.outOfServiceReason,
          suppressed_by: r.suppressedBy,
          value: r.value,
          message: r.message,
          activated_at: r.activatedAt,
          cleared_at: r.clearedAt,
          seq: r.seq,
        })),
      ),
    ],
  );
}

export interface JournalRow {
  seq: string;
  alarm_id: string;
  rule_id: string;
  channel_id: string;
  event: AlarmEvent;
  state: AlarmState;
  priority: number;
  message: AlarmMessage;
  value: number | null;
  at: Date;
  actor: string | null;
  note: string | null;
  alarm: JournaledAlarm;
}

export interface JournalQuery {
  /** Only transitions after this seq (a reconnecting screen's last one). */
  afterSeq?: number;
  alarmId?: string;
  from?: Date;
  to?: Date;
  /** Default 1,000. */
  limit?: number;
}

/** Transitions in seq order, each with its alarm as it stood right after it. */
export async function alarmJournal(db: Queryable, query: JournalQuery = {}): Promise<AlarmTransition[]> {
  const { rows } = await db.query<JournalRow>(
    `SELECT * FROM alarm_journal
      WHERE seq > $1 AND ($2::text IS NULL OR alarm_id = $2)
        AND ($3::timestamptz IS NULL OR at >= $3) AND ($4::timestamptz IS NULL OR at < $4)
      ORDER BY seq LIMIT $5`,
    [query.afterSeq ?? 0, query.alarmId ?? null, query.from ?? null, query.to ?? null, query.limit ?? 1_000],
  );
  return rows.map(transitionOf);
}

/** A journal row (SELECT * FROM alarm_journal) as screens see it: a transition with its alarm. */
export function transitionOf(row: JournalRow): AlarmTransition {
  const seq = Number(row.seq);
  return {
    seq,
    alarmId: row.alarm_id,
    ruleId: row.rule_id,
    channelId: row.channel_id,
    event: row.event,
    state: row.state,
    priority: row.priority as AlarmPriority,
    message: row.message,
    value: row.value,
    at: row.at.getTime(),
    actor: row.actor,
    note: row.note,
    alarm: { ...row.alarm, seq },
  };
}
