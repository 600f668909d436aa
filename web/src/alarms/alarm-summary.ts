import type { Alarm, AlarmPriority, AlarmState } from '@city/domain';
import { alarmTime } from './alarm-rows';

/** Alarms that stand before the operator: shelved, suppressed and out-of-service ones are set aside. */
const STANDING: readonly AlarmState[] = ['unacknowledged', 'acknowledged', 'returned-unacknowledged'];
const UNACKNOWLEDGED: readonly AlarmState[] = ['unacknowledged', 'returned-unacknowledged'];

export const isStanding = (alarm: Alarm) => STANDING.includes(alarm.state);
export const isUnacknowledged = (alarm: Alarm) => UNACKNOWLEDGED.includes(alarm.state);

/** Priorities 1 to 4 (AlarmPriority is a checked number, so it indexes no fixed record). */
export type PriorityCounts = Record<1 | 2 | 3 | 4, number>;

/** How many standing alarms of each priority, for the banner. */
export function countByPriority(alarms: Iterable<Alarm>): PriorityCounts {
  const counts: PriorityCounts = { 1: 0, 2: 0, 3: 0, 4: 0 };
  for (const alarm of alarms) {
    const priority = alarm.priority as AlarmPriority & keyof PriorityCounts;
    if (isStanding(alarm) && priority in counts) counts[priority] += 1;
  }
  return counts;
}

/** The unacknowledged alarm that activated last (the journal's order breaks a tie), or null. */
export function newestUnacknowledged(alarms: Iterable<Alarm>): Alarm | null {
  let newest: Alarm | null = null;
  for (const alarm of alarms) {
    if (!isUnacknowledged(alarm)) continue;
    if (
      newest === null ||
      alarmTime(alarm) > alarmTime(newest) ||
      (alarmTime(alarm) === alarmTime(newest) && alarm.seq > newest.seq)
    )
      newest = alarm;
  }
  return newest;
}
