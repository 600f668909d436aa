import type { Alarm } from '@city/domain';
import type { AlarmFilter } from './alarm-filter';
import { type AlarmSubject, isCommsAlarm, type SubjectCatalog, subjectOf } from './alarm-subject';

/** One line of the alarm list; a communications alarm carries the alarms it suppresses. */
export interface AlarmRow {
  alarm: Alarm;
  subject: AlarmSubject;
  /** Alarms suppressed by this one (a silent gateway or device), sorted like the list. */
  suppressed: AlarmRow[];
  /**
   * Where the row is nested under a communications alarm, that alarm's subject: a screen reader
   * hears no indent, so the row names what suppresses it.
   */
  suppressor: AlarmSubject | null;
}

/**
 * The value the list shows. A communications alarm measured nothing: its value is a placeholder
 * (a device's) or the gateway's buffer depth, and "0 s" beside "silent for more than 30 s" misleads.
 */
export const shownValue = (alarm: Alarm): number | null => (isCommsAlarm(alarm) ? null : alarm.value);

/** When an alarm last changed its condition: activated, else cleared. */
export const alarmTime = (alarm: Alarm): number => alarm.activatedAt ?? alarm.clearedAt ?? 0;

/** Most urgent first (priority 1), then newest first; the id keeps equal alarms in a steady order. */
export function compareAlarms(a: Alarm, b: Alarm): number {
  return a.priority - b.priority || alarmTime(b) - alarmTime(a) || a.id.localeCompare(b.id);
}

function passes(row: AlarmRow, filter: AlarmFilter): boolean {
  const { alarm, subject } = row;
  if (alarm.state === 'normal') return false;
  if (filter.states.length > 0 && !filter.states.some((state) => state === alarm.state)) return false;
  if (filter.priorities.length > 0 && !filter.priorities.some((p) => p === alarm.priority)) return false;
  // A gateway's silence lies in no one layer or district: it stays in view whatever the map shows.
  if (filter.layers.length > 0 && subject.layer !== null && !filter.layers.includes(subject.layer))
    return false;
  if (
    filter.districts.length > 0 &&
    subject.district !== null &&
    !filter.districts.includes(subject.district)
  )
    return false;
  return true;
}

const byAlarm = (a: AlarmRow, b: AlarmRow) => compareAlarms(a.alarm, b.alarm);

/**
 * The list as an operator reads it: alarms that are not normal and pass the filter, most urgent and
 * newest first. An alarm suppressed by a communications alarm is nested under it (ISA-18.2
 * suppression by design: one alarm for the dead link, its consequences one click away); the
 * communications alarm heads the group even where the filter alone would leave it out.
 */
export function alarmRows(
  alarms: Iterable<Alarm>,
  catalog: SubjectCatalog | null,
  filter: AlarmFilter,
): AlarmRow[] {
  const rows: AlarmRow[] = [];
  const commsBySubject = new Map<string, AlarmRow>();
  for (const alarm of alarms) {
    const row: AlarmRow = { alarm, subject: subjectOf(alarm, catalog), suppressed: [], suppressor: null };
    rows.push(row);
    if (row.subject.comms) {
      // suppressedBy names the comms subject ("gw-1/comms"); an alarm id is accepted too.
      commsBySubject.set(alarm.channelId, row);
      commsBySubject.set(alarm.id, row);
    }
  }
  const top = new Set<AlarmRow>();
  for (const row of rows) {
    if (!passes(row, filter)) continue;
    const head = row.alarm.suppressedBy ? commsBySubject.get(row.alarm.suppressedBy) : undefined;
    if (head && head !== row) {
      head.suppressed.push(row);
      row.suppressor = head.subject;
      top.add(head);
    } else {
      top.add(row);
    }
  }
  for (const row of top) row.suppressed.sort(byAlarm);
  return [...top].sort(byAlarm);
}
