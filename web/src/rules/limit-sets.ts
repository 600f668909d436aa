import type { AlarmRule, AlarmRuleKind, AlarmTarget } from '@city/domain';

/**
 * The slots of one limit set, in the order an engineer reads them: the level limits from the top
 * down (HH above H above L above LL), then rate of change and no data.
 */
export const SLOT_KINDS = ['high-high', 'high', 'low', 'low-low', 'rate-of-change', 'no-data'] as const;
export type SlotKind = (typeof SLOT_KINDS)[number] & AlarmRuleKind;

/** The level limits, highest first: each must lie above the next one that is in use. */
export const LEVEL_KINDS = ['high-high', 'high', 'low', 'low-low'] as const;
export type LevelKind = (typeof LEVEL_KINDS)[number];

export const isLevelKind = (kind: AlarmRuleKind): kind is LevelKind =>
  (LEVEL_KINDS as readonly string[]).includes(kind);

/**
 * The rules of one target, one per kind: what the issue calls the card's "alert thresholds" for a
 * station. A target with two rules of one kind (two H limits on NO₂: an EU limit and an index class)
 * gets one set per such rule, so no rule is hidden and each set can still be checked as HH > H > L > LL.
 */
export interface LimitSet {
  key: string;
  target: AlarmTarget;
  rules: Partial<Record<SlotKind, AlarmRule>>;
}

/** One string per target, the same for equal targets whatever the order of their fields. */
export function targetKey(target: AlarmTarget): string {
  if ('channelId' in target) return `channel:${target.channelId}`;
  if ('assetKind' in target) return `kind:${target.assetKind}:${target.metric}`;
  return `scope:${target.scope}`;
}

/** Urgent rules first, so a target's first set holds its most urgent rule of each kind. */
const byPriorityThenId = (a: AlarmRule, b: AlarmRule) => a.priority - b.priority || a.id.localeCompare(b.id);

/** Groups rules into limit sets: per target, each rule into the first set that lacks its kind. */
export function groupLimitSets(rules: readonly AlarmRule[]): LimitSet[] {
  const setsByTarget = new Map<string, LimitSet[]>();
  for (const rule of [...rules].sort(byPriorityThenId)) {
    const key = targetKey(rule.target);
    const sets = setsByTarget.get(key) ?? [];
    setsByTarget.set(key, sets);
    const kind = rule.kind as SlotKind;
    let set = sets.find((candidate) => candidate.rules[kind] === undefined);
    if (!set) {
      set = { key: sets.length === 0 ? key : `${key}#${sets.length + 1}`, target: rule.target, rules: {} };
      sets.push(set);
    }
    set.rules[kind] = rule;
  }
  return [...setsByTarget.entries()].sort(([a], [b]) => a.localeCompare(b)).flatMap(([, sets]) => sets);
}

/** The rules of a set, in slot order. */
export function rulesOf(set: LimitSet): AlarmRule[] {
  return SLOT_KINDS.flatMap((kind) => (set.rules[kind] ? [set.rules[kind]] : []));
}

/**
 * An id for a new rule: the target and kind in the shape IdSchema takes (lower case, digits, dashes,
 * at most 64), with a number added while it is taken.
 */
export function newRuleId(target: AlarmTarget, kind: AlarmRuleKind, taken: ReadonlySet<string>): string {
  const subject =
    'channelId' in target
      ? target.channelId
      : 'assetKind' in target
        ? `${target.assetKind}-${target.metric}`
        : target.scope;
  const base = `${subject}-${kind}`
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 58);
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}
