import type { Alarm, AlarmPriority, Channel } from '@city/domain';

/** The alarm states an operator still has to see on the map: standing or not yet acknowledged. */
const MARKED_STATES: ReadonlySet<Alarm['state']> = new Set([
  'unacknowledged',
  'acknowledged',
  'returned-unacknowledged',
]);

const COMMS_SUFFIX = '/comms';

/**
 * Which map feature an alarm belongs to: a channel's alarm to its asset ("<asset>/<metric>"); a
 * gateway's silence ("<gateway>/comms") to its cabinet, whose feature id is the gateway id; a
 * device's silence to the first asset its points belong to.
 */
export function featureIdOfAlarm(alarm: Pick<Alarm, 'channelId'>, channels: readonly Channel[]): string {
  if (!alarm.channelId.endsWith(COMMS_SUFFIX)) return alarm.channelId.split('/')[0] ?? alarm.channelId;
  const owner = alarm.channelId.slice(0, -COMMS_SUFFIX.length);
  const ofDevice = channels.find((channel) => channel.source?.deviceId === owner);
  return ofDevice ? ofDevice.assetId : owner;
}

/**
 * The most urgent marked alarm per feature (1 critical beats 4 low), for the priority shape the map
 * puts on it. Shelved, suppressed, out-of-service and cleared-and-acknowledged alarms mark nothing.
 */
export function alarmMarksOf(
  alarms: Iterable<Alarm>,
  channels: readonly Channel[],
): Map<string, AlarmPriority> {
  const marks = new Map<string, AlarmPriority>();
  for (const alarm of alarms) {
    if (!MARKED_STATES.has(alarm.state)) continue;
    const featureId = featureIdOfAlarm(alarm, channels);
    const current = marks.get(featureId);
    if (current === undefined || alarm.priority < current) marks.set(featureId, alarm.priority);
  }
  return marks;
}
