import type { AlarmRule, Asset, Channel } from '@city/domain';
import { indexAlarms } from './alarm-index';
import type { AlarmInstance } from './alarm-instance';
import type { Sample } from './condition';

/** What a rule would have done on one channel over a period. */
export interface ChannelReplay {
  channelId: string;
  /** Times the alarm would have activated. */
  activations: number;
  /** How long it would have been active, in all (up to the period's end for one still active). */
  timeInAlarmMs: number;
  /** Source time of the first and of the last activation, epoch ms; null when it never activated. */
  firstAt: number | null;
  lastAt: number | null;
}

export interface RuleReplay {
  activations: number;
  timeInAlarmMs: number;
  channels: ChannelReplay[];
}

/** The rule's alarms as the engine would build them: the same targets, the same instance, normal at `from`. */
function instancesOf(
  rule: AlarmRule,
  channels: readonly Channel[],
  assets: readonly Asset[],
  from: number,
): Map<string, AlarmInstance> {
  // A draft may be disabled while it is edited; the engine would skip it, the preview must not.
  const index = indexAlarms({
    rules: [{ ...rule, enabled: true }],
    channels,
    assets,
    gateways: [],
    records: [],
    previous: new Map(),
    startedAt: from,
  });
  const channelIds = new Set(channels.map((channel) => channel.id));
  const instances = new Map<string, AlarmInstance>();
  for (const [subject, [instance]] of index.byChannel) {
    // Communications subjects (a device's or gateway's) have no readings of their own to replay.
    if (instance && channelIds.has(subject)) instances.set(subject, instance);
  }
  return instances;
}

/** The channels a rule applies to, as the engine decides it (target by channel, or by asset kind and metric). */
export function targetedChannels(
  rule: AlarmRule,
  channels: readonly Channel[],
  assets: readonly Asset[],
): string[] {
  return [...instancesOf(rule, channels, assets, 0).keys()];
}

/**
 * Replays one alarm over a channel's readings, oldest first, through the engine's own AlarmInstance:
 * the same condition (limit, deadband, rate of change per minute), on-delay and off-delay, and
 * no-data silence. Live, the engine's clock ticks every second for what no reading brings (a delay
 * running out, a silence); here the clock is moved on just before each reading and at the end, and
 * the instance dates what the clock decides from when it began (condition + on-delay), so the
 * answer is the engine's to within its one-second tick.
 */
export function replayChannel(
  instance: AlarmInstance,
  samples: readonly Sample[],
  to: number,
): ChannelReplay {
  const replay: ChannelReplay = {
    channelId: instance.channelId,
    activations: 0,
    timeInAlarmMs: 0,
    firstAt: null,
    lastAt: null,
  };
  let activeSince: number | null = null;
  const follow = (happened: ReturnType<AlarmInstance['tick']>) => {
    for (const { event, at } of happened) {
      if (event === 'activated') {
        replay.activations += 1;
        replay.firstAt ??= at;
        replay.lastAt = at;
        activeSince = at;
      } else if (event === 'cleared' && activeSince !== null) {
        replay.timeInAlarmMs += at - activeSince;
        activeSince = null;
      }
    }
  };
  for (const sample of samples) {
    if (sample.sourceTime >= to) break;
    if (instance.waitsOnClock) follow(instance.tick(sample.sourceTime - 1));
    follow(instance.onSample(sample, false));
  }
  follow(instance.tick(to));
  if (activeSince !== null) replay.timeInAlarmMs += to - activeSince;
  return replay;
}

/**
 * What a rule, saved as drafted, would have done over [from, to): each channel it targets replayed
 * from its readings (a channel without readings there is still listed, with what silence does).
 */
export function replayRule(
  rule: AlarmRule,
  sources: { channels: readonly Channel[]; assets: readonly Asset[] },
  readings: ReadonlyMap<string, readonly Sample[]>,
  period: { from: number; to: number },
): RuleReplay {
  const channels: ChannelReplay[] = [];
  for (const [channelId, instance] of instancesOf(rule, sources.channels, sources.assets, period.from)) {
    channels.push(replayChannel(instance, readings.get(channelId) ?? [], period.to));
  }
  return {
    activations: channels.reduce((sum, channel) => sum + channel.activations, 0),
    timeInAlarmMs: channels.reduce((sum, channel) => sum + channel.timeInAlarmMs, 0),
    channels,
  };
}
