import type { Alarm, AlarmPriority, Channel } from '@city/domain';
import { worldPixels } from './labels/placement';
import type { MapFeature } from './layers/types';

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

/** Priority shapes closer than this on screen overlap: they are drawn as one. */
const BADGE_SPACING_PX = 30;

/** One priority shape on the map: the most urgent alarm at a spot, and how many alarmed assets are there. */
export interface AlarmBadge {
  feature: MapFeature;
  priority: 1 | 2 | 3 | 4;
  count: number;
}

/**
 * One priority shape per spot on screen at `zoom` (none given: one per asset). Two alarmed lamp
 * segments a street apart drew two shapes on top of each other, which read as one shape with "33"
 * in it. A spot now shows its most urgent alarm's shape, with the count of alarmed assets beside it;
 * zooming in parts them again.
 */
export function alarmBadgesOf(
  alarmed: readonly MapFeature[],
  priorities: ReadonlyMap<string, AlarmPriority>,
  zoom: number | null,
): AlarmBadge[] {
  const priorityOf = (feature: MapFeature) => (priorities.get(feature.id) ?? 4) as AlarmBadge['priority'];
  const urgentFirst = [...alarmed].sort((a, b) => priorityOf(a) - priorityOf(b) || a.id.localeCompare(b.id));
  const badges: Array<AlarmBadge & { at: [number, number] }> = [];
  for (const feature of urgentFirst) {
    const at = zoom === null ? null : worldPixels(feature.position, zoom);
    const near =
      at && badges.find((badge) => Math.hypot(badge.at[0] - at[0], badge.at[1] - at[1]) < BADGE_SPACING_PX);
    if (near) near.count += 1;
    else
      badges.push({ feature, priority: priorityOf(feature), count: 1, at: at ?? [Number.NaN, Number.NaN] });
  }
  return badges.map(({ feature, priority, count }) => ({ feature, priority, count }));
}
