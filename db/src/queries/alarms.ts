import {
  type Alarm,
  type AlarmEvent,
  type AlarmPriority,
  type AlarmState,
  type AlarmTransition,
  alarmStateOf,
  type ShelveKind,
} from '@city/domain';
import type { Database, Queryable } from '../database';
import { listAlarmRules } from './alarm-rules';
import { type AuditEntry, recordAudit } from './audit';

/** What the alarm engine keeps of one alarm across restarts. */
export interface AlarmRecord {
  id: string;
  ruleId: string;
  channelId: string;
  active: boolean;
  acknowledged: boolean;
  shelveKind: ShelveKind | null;
  shelvedUntil: number | null;
  outOfServiceReason: string | null;
  suppressedBy: string | null;
  value: number | null;
  message: string;
  activatedAt: number | null;
  clearedAt: number | null;
  seq: number;
}

/** A rule's alarm on a subject before anything happened to it: normal, in service, never active. */
export function normalAlarmRecord(
  ids: { id: string; ruleId: string; channelId: string },
  message: string,
): AlarmRecord {
  return {
    ...ids,
    active: false,
    acknowledged: true,
    shelveKind: null,
    shelvedUntil: null,
    outOfServiceReason: null,
    suppressedBy: null,
    value: null,
    message,
    activatedAt: null,
    clearedAt: null,
    seq: 0,
  };
}

/** An alarm as screens see it, from what the engine keeps. */
export function alarmView(record: AlarmRecord, priority: AlarmPriority): Alarm {
  return {
    id: record.id,
    ruleId: record.ruleId,
    channelId: record.channelId,
    priority,
    state: alarmStateOf(record),
    active: record.active,
    acknowledged: record.acknowledged,
    message: record.message,
    value: record.value,
    activatedAt: record.activatedAt,
    clearedAt: record.clearedAt,
    shelvedUntil: record.shelvedUntil,
    shelveKind: record.shelveKind,
    outOfServiceReason: record.outOfServiceReason,
    suppressedBy: record.suppressedBy,
    seq: record.seq,
  };
}

/** Every alarm the engine has recorded, as screens see them: what a new screen gets first. */
export async function listAlarms(db: Queryable): Promise<Alarm[]> {
  const [records, rules] = await Promise.all([loadAlarmRecords(db), listAlarmRules(db)]);
  const priorities = new Map(rules.map((rule) => [rule.id, rule.priority]));
  return records.flatMap((record) => {
    const priority = priorities.get(record.ruleId);
    return priority === undefined ? [] : [alarmView(record, priority)];
  });
}

/** The newest journal seq: where a new screen's stream of transitions starts. */
export async function lastAlarmSeq(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ seq: string | null }>('SELECT max(seq)::text AS seq FROM alarm_journal');
  return Number(rows[0]?.seq ?? 0);
}

interface AlarmRow {
  id: string;
  rule_id: string;
  channel_id: string;
  active: boolean;
  acknowledged: boolean;
  shelve_kind: ShelveKind | null;
  shelved_until: Date | null;
  out_of_service_reason: string | null;
  suppressed_by: string | null;
  value: number | null;
  message: string;
  activated_at: Date | null;
  cleared_at: Date | null;
  seq: string;
}

const ms = (date: Date | null) => (date ? date.getTime() : null);

export async function loadAlarmRecords(db: Queryable): Promise<AlarmRecord[]> {
  const { rows } = await db.query<AlarmRow>('SELECT * FROM alarms ORDER BY id');
  return rows.map((row) => ({
    id: row.id,
    ruleId: row.rule_id,
    channelId: row.channel_id,
    active: row.active,
    acknowledged: row.acknowledged,
    shelveKind: row.shelve_kind,
    shelvedUntil: ms(row.shelved_until),
    outOfServiceReason: row.out_of_service_reason,
    suppressedBy: row.suppressed_by,
    value: row.value,
    message: row.message,
    activatedAt: ms(row.activated_at),
    clearedAt: ms(row.cleared_at),
    seq: Number(row.seq),
  }));
}

export interface TransitionToRecord {
  record: AlarmRecord;
  transition: Omit<AlarmTransition, 'seq'>;
}

/**
 * Writes transitions in one transaction: each goes into the journal (which hands out its seq) and
 * leaves its alarm's state beside it. Returns the transitions with their seqs, in order.
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
    const { rows } = await tx.query<{ seq: string }>(
      `INSERT INTO alarm_journal (alarm_id, rule_id, channel_id, event, state, priority, message, value, at, actor, note)
       SELECT j.alarm_id, j.rule_id, j.channel_id, j.event, j.state, j.priority, j.message, j.value,
              to_timestamp(j.at / 1000.0), j.actor, j.note
         FROM jsonb_to_recordset($1::jsonb) AS j(
           n int, alarm_id text, rule_id text, channel_id text, event text, state text, priority smallint,
           message text, value float8, at float8, actor text, note text)
        ORDER BY n
       RETURNING seq`,
      [
        JSON.stringify(
          items.map(({ transition: t }, n) => ({
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
          })),
        ),
      ],
    );
    const seqs = rows.map((row) => Number(row.seq)).sort((a, b) => a - b);
    const recorded = items.map(({ transition }, index) => ({ ...transition, seq: seqs[index] ?? 0 }));
    // The newest state of each alarm touched, with the seq of its last transition.
    const latest = new Map<string, AlarmRecord>();
    items.forEach(({ record }, index) => {
      latest.set(record.id, { ...record, seq: seqs[index] ?? 0 });
    });
    await tx.query(
      `INSERT INTO alarms (id, rule_id, channel_id, active, acknowledged, shelve_kind, shelved_until,
                           out_of_service_reason, suppressed_by, value, message, activated_at, cleared_at, seq)
       SELECT a.id, a.rule_id, a.channel_id, a.active, a.acknowledged, a.shelve_kind,
              to_timestamp(a.shelved_until / 1000.0), a.out_of_service_reason, a.suppressed_by, a.value,
              a.message, to_timestamp(a.activated_at / 1000.0), to_timestamp(a.cleared_at / 1000.0), a.seq
         FROM jsonb_to_recordset($1::jsonb) AS a(
           id text, rule_id text, channel_id text, active boolean, acknowledged boolean, shelve_kind text,
           shelved_until float8, out_of_service_reason text, suppressed_by text, value float8, message text,
           activated_at float8, cleared_at float8, seq bigint)
       ON CONFLICT (id) DO UPDATE SET
         active = excluded.active, acknowledged = excluded.acknowledged, shelve_kind = excluded.shelve_kind,
         shelved_until = excluded.shelved_until, out_of_service_reason = excluded.out_of_service_reason,
         suppressed_by = excluded.suppressed_by, value = excluded.value, message = excluded.message,
         activated_at = excluded.activated_at, cleared_at = excluded.cleared_at, seq = excluded.seq`,
      [
        JSON.stringify(
          [...latest.values()].map((r) => ({
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
    return recorded;
  });
}

interface JournalRow {
  seq: string;
  alarm_id: string;
  rule_id: string;
  channel_id: string;
  event: AlarmEvent;
  state: AlarmState;
  priority: number;
  message: string;
  value: number | null;
  at: Date;
  actor: string | null;
  note: string | null;
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

/** Transitions in seq order. */
export async function alarmJournal(db: Queryable, query: JournalQuery = {}): Promise<AlarmTransition[]> {
  const { rows } = await db.query<JournalRow>(
    `SELECT * FROM alarm_journal
      WHERE seq > $1 AND ($2::text IS NULL OR alarm_id = $2)
        AND ($3::timestamptz IS NULL OR at >= $3) AND ($4::timestamptz IS NULL OR at < $4)
      ORDER BY seq LIMIT $5`,
    [query.afterSeq ?? 0, query.alarmId ?? null, query.from ?? null, query.to ?? null, query.limit ?? 1_000],
  );
  return rows.map((row) => ({
    seq: Number(row.seq),
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
  }));
}
