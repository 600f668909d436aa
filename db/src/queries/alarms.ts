import {
  type Alarm,
  type AlarmMessage,
  type AlarmPriority,
  alarmStateOf,
  type ShelveKind,
} from '@city/domain';
import type { Queryable } from '../database';
import { listAlarmRules } from './alarm-rules';

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
  message: AlarmMessage;
  activatedAt: number | null;
  clearedAt: number | null;
  seq: number;
}

/** A rule's alarm on a subject before anything happened to it: normal, in service, never active. */
export function normalAlarmRecord(
  ids: { id: string; ruleId: string; channelId: string },
  message: AlarmMessage,
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
  /** jsonb, as migration 0016 made it: a key plus parameters, never a sentence. */
  message: AlarmMessage;
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
