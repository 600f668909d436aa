import type { AlarmPriority, AlarmRule, AssetKind, Channel } from '@city/domain';

/** The rule kinds that put a value limit on a channel; rate-of-change and no-data have no line to draw. */
export const LIMIT_KINDS = ['high-high', 'high', 'low', 'low-low'] as const;
export type LimitKind = (typeof LIMIT_KINDS)[number];

/** The short names operators use on trend displays. */
export const LIMIT_LABELS: Record<LimitKind, string> = {
  'high-high': 'HH',
  high: 'H',
  low: 'L',
  'low-low': 'LL',
};

export interface ChartLimit {
  ruleId: string;
  kind: LimitKind;
  label: string;
  value: number;
  priority: AlarmPriority;
}

const isLimitKind = (kind: string): kind is LimitKind => (LIMIT_KINDS as readonly string[]).includes(kind);

/** Whether a rule watches this channel: by its id, or by the asset kind and metric it targets. */
export function ruleApplies(
  rule: Pick<AlarmRule, 'target'>,
  channel: Pick<Channel, 'id' | 'metric'>,
  assetKind: AssetKind,
): boolean {
  const { target } = rule;
  if ('channelId' in target) return target.channelId === channel.id;
  if ('assetKind' in target) return target.assetKind === assetKind && target.metric === channel.metric;
  return false;
}

/** The enabled value limits on one channel, highest first, as the chart draws them. */
export function limitsFor(
  rules: readonly AlarmRule[],
  channel: Pick<Channel, 'id' | 'metric'>,
  assetKind: AssetKind,
): ChartLimit[] {
  const limits: ChartLimit[] = [];
  for (const rule of rules) {
    if (!rule.enabled || !isLimitKind(rule.kind) || !ruleApplies(rule, channel, assetKind)) continue;
    limits.push({
      ruleId: rule.id,
      kind: rule.kind,
      label: LIMIT_LABELS[rule.kind],
      value: rule.limit,
      priority: rule.priority,
    });
  }
  return limits.sort((a, b) => b.value - a.value);
}

/**
 * The metric an asset is known by, charted first: a pumping station by its wet-well level, a street
 * light by its dim level. A kind not listed (or an asset without that channel) falls back to the first
 * channel that has a limit, then to its first channel.
 */
const PRIMARY_METRICS: Partial<Record<AssetKind, string>> = {
  'air-quality-station': 'no2',
  'loop-detector': 'speed',
  'pumping-station': 'level',
  'level-gauge': 'level',
  'rain-gauge': 'intensity',
  'street-light-segment': 'dim-level',
  'field-cabinet': 'power',
};

export function primaryChannel<C extends Pick<Channel, 'id' | 'metric'>>(
  channels: readonly C[],
  assetKind: AssetKind,
  rules: readonly AlarmRule[],
): C | undefined {
  const metric = PRIMARY_METRICS[assetKind];
  return (
    channels.find((channel) => channel.metric === metric) ??
    channels.find((channel) => limitsFor(rules, channel, assetKind).length > 0) ??
    channels[0]
  );
}
