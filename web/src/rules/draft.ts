import type { AlarmPriority, AlarmRule, AlarmRuleInput, AlarmTarget, LocalizedText } from '@city/domain';
import { type LimitSet, newRuleId, SLOT_KINDS, type SlotKind } from './limit-sets';

/**
 * One slot of the editor as the engineer types it: numbers as NumberField gives them (NaN while
 * empty), delays in seconds, each text in both languages.
 */
export interface SlotDraft {
  /** The rule this slot edits; null for a slot that has none yet. */
  ruleId: string | null;
  inUse: boolean;
  limit: number;
  deadband: number;
  onDelayS: number;
  offDelayS: number;
  priority: AlarmPriority;
  name: Required<LocalizedText>;
  message: Required<LocalizedText>;
  /** Kept as they were: the editor does not change a rule's reference or whether it is enabled. */
  reference: string;
  enabled: boolean;
}

export interface LimitSetDraft {
  target: AlarmTarget;
  slots: Record<SlotKind, SlotDraft>;
}

/** What a new slot starts with: ISA-18.2's usual priorities (HH critical … L medium). */
const DEFAULT_PRIORITY: Record<SlotKind, AlarmPriority> = {
  'high-high': 1,
  high: 2,
  low: 3,
  'low-low': 1,
  'rate-of-change': 3,
  'no-data': 2,
};

/** Texts a new slot starts with, in each language; the engineer rewrites them as needed. */
export type DefaultTexts = (kind: SlotKind) => {
  name: Required<LocalizedText>;
  message: Required<LocalizedText>;
};

const both = (text: LocalizedText): Required<LocalizedText> => ({ nl: text.nl ?? '', en: text.en ?? '' });

function slotFromRule(rule: AlarmRule): SlotDraft {
  return {
    ruleId: rule.id,
    inUse: true,
    limit: rule.limit,
    deadband: rule.deadband,
    onDelayS: rule.onDelayMs / 1000,
    offDelayS: rule.offDelayMs / 1000,
    priority: rule.priority,
    name: both(rule.name),
    message: both(rule.message),
    reference: rule.reference,
    enabled: rule.enabled,
  };
}

function emptySlot(kind: SlotKind, texts: DefaultTexts): SlotDraft {
  return {
    ruleId: null,
    inUse: false,
    limit: Number.NaN,
    deadband: 0,
    onDelayS: 0,
    offDelayS: 0,
    priority: DEFAULT_PRIORITY[kind],
    ...texts(kind),
    reference: '',
    enabled: true,
  };
}

export function draftOf(set: LimitSet, texts: DefaultTexts): LimitSetDraft {
  const slots = Object.fromEntries(
    SLOT_KINDS.map((kind) => {
      const rule = set.rules[kind];
      return [kind, rule ? slotFromRule(rule) : emptySlot(kind, texts)];
    }),
  ) as Record<SlotKind, SlotDraft>;
  return { target: set.target, slots };
}

export function emptyDraft(target: AlarmTarget, texts: DefaultTexts): LimitSetDraft {
  return draftOf({ key: 'new', target, rules: {} }, texts);
}

/** Seconds as the whole milliseconds the schema takes. */
const ms = (seconds: number) => Math.round(seconds * 1000);

/** The rule a slot stands for, as alarms.rules.save and .preview take it. */
export function ruleOf(
  target: AlarmTarget,
  kind: SlotKind,
  slot: SlotDraft,
  taken: ReadonlySet<string>,
): AlarmRuleInput {
  return {
    id: slot.ruleId ?? newRuleId(target, kind, taken),
    name: slot.name,
    kind,
    target,
    limit: slot.limit,
    deadband: slot.deadband,
    onDelayMs: ms(slot.onDelayS),
    offDelayMs: ms(slot.offDelayS),
    priority: slot.priority,
    message: slot.message,
    reference: slot.reference,
    enabled: slot.enabled,
  };
}

/** Whether a slot differs from the rule it edits (an unused slot without a rule never does). */
export function slotChanged(slot: SlotDraft, rule: AlarmRule | undefined): boolean {
  if (!rule) return slot.inUse;
  if (!slot.inUse) return true;
  const before = slotFromRule(rule);
  return JSON.stringify(before) !== JSON.stringify(slot);
}

/** What saving a draft does: rules to save (new or changed) and rules to delete (slots given up). */
export interface SavePlan {
  save: AlarmRuleInput[];
  delete: string[];
}

export function savePlan(set: LimitSet, draft: LimitSetDraft, taken: ReadonlySet<string>): SavePlan {
  const plan: SavePlan = { save: [], delete: [] };
  const ids = new Set(taken);
  for (const kind of SLOT_KINDS) {
    const slot = draft.slots[kind];
    const rule = set.rules[kind];
    if (!slotChanged(slot, rule)) continue;
    if (!slot.inUse) {
      if (rule) plan.delete.push(rule.id);
      continue;
    }
    const next = ruleOf(draft.target, kind, slot, ids);
    ids.add(next.id);
    plan.save.push(next);
  }
  return plan;
}
