import type { LimitSetDraft, SlotDraft } from './draft';
import { isLevelKind, LEVEL_KINDS, type LevelKind, SLOT_KINDS, type SlotKind } from './limit-sets';

/** The fields of a slot that can be wrong, each shown with its own error beside it. */
export const SLOT_FIELDS = ['limit', 'deadband', 'onDelay', 'offDelay', 'name', 'message'] as const;
export type SlotField = (typeof SLOT_FIELDS)[number];
export type FieldPath = `${SlotKind}.${SlotField}`;

/**
 * What is wrong with a field, as a message key of the `rules.error` namespace and its values (numbers
 * stay numbers, so the message formats them for the reader's language).
 */
export interface FieldProblem {
  key:
    | 'required'
    | 'mustBeAbove'
    | 'mustBeBelow'
    | 'deadbandNegative'
    | 'deadbandGap'
    | 'mustBePositive'
    | 'delayRange'
    | 'textRequired'
    | 'textTooLong';
  values?: Record<string, string | number>;
}
export type FieldProblems = Partial<Record<FieldPath, FieldProblem>>;

/** The schema's own bounds (AlarmRuleSchema): delays up to 24 h, names 200 and messages 500 characters. */
export const MAX_DELAY_S = 86_400;
const MAX_TEXT = { name: 200, message: 500 } as const;

const usedLevels = (draft: LimitSetDraft): LevelKind[] =>
  LEVEL_KINDS.filter((kind) => draft.slots[kind].inUse && Number.isFinite(draft.slots[kind].limit));

/**
 * Checks a limit set across its slots, before anything is sent: each limit in use is given, the level
 * limits keep their order (HH > H > L > LL, comparing each with the next one in use), a deadband
 * stays inside the gap to its neighbouring limits (else the alarm could never clear, or would clear
 * into the next alarm), delays lie within 0..24 h, and each rule has a name and a message.
 * Returns one problem per field, the first found; an empty object means the set may be saved.
 */
export function validateLimitSet(draft: LimitSetDraft): FieldProblems {
  const problems: FieldProblems = {};
  const report = (kind: SlotKind, field: SlotField, problem: FieldProblem) => {
    problems[`${kind}.${field}`] ??= problem;
  };
  for (const kind of SLOT_KINDS) {
    const slot = draft.slots[kind];
    if (slot.inUse) checkSlot(kind, slot, (field, problem) => report(kind, field, problem));
  }
  checkLevelOrder(draft, report);
  return problems;
}

type Report = (field: SlotField, problem: FieldProblem) => void;

function checkSlot(kind: SlotKind, slot: SlotDraft, report: Report): void {
  if (!Number.isFinite(slot.limit)) report('limit', { key: 'required' });
  // A rate is compared as an absolute value per minute, and no data counts seconds: both above 0.
  else if (!isLevelKind(kind) && slot.limit <= 0) report('limit', { key: 'mustBePositive' });
  if (!Number.isFinite(slot.deadband)) report('deadband', { key: 'required' });
  else if (slot.deadband < 0) report('deadband', { key: 'deadbandNegative' });
  for (const field of ['onDelay', 'offDelay'] as const) {
    const seconds = field === 'onDelay' ? slot.onDelayS : slot.offDelayS;
    if (!Number.isFinite(seconds) || seconds < 0 || seconds > MAX_DELAY_S)
      report(field, { key: 'delayRange', values: { max: MAX_DELAY_S / 3600 } });
  }
  for (const field of ['name', 'message'] as const) {
    const text = slot[field];
    if (text.nl.trim() === '' && text.en.trim() === '') report(field, { key: 'textRequired' });
    else if (text.nl.length > MAX_TEXT[field] || text.en.length > MAX_TEXT[field])
      report(field, { key: 'textTooLong', values: { max: MAX_TEXT[field] } });
  }
}

function checkLevelOrder(draft: LimitSetDraft, report: (k: SlotKind, f: SlotField, p: FieldProblem) => void) {
  const levels = usedLevels(draft);
  let ordered = true;
  for (let i = 0; i + 1 < levels.length; i++) {
    const upper = levels[i] as LevelKind;
    const lower = levels[i + 1] as LevelKind;
    if (draft.slots[upper].limit > draft.slots[lower].limit) continue;
    ordered = false;
    const values = { upper: LABEL[upper], lower: LABEL[lower] };
    report(upper, 'limit', { key: 'mustBeAbove', values });
    report(lower, 'limit', { key: 'mustBeBelow', values });
  }
  // While the order is wrong the gaps mean nothing; that error is the one to fix first.
  if (!ordered) return;
  levels.forEach((kind, i) => {
    // An alarm clears back towards normal: a high limit downwards, a low limit upwards. Its deadband
    // must stop short of the next limit that way, or clearing one alarm would land in the next.
    const clearsDown = kind === 'high-high' || kind === 'high';
    const next = clearsDown ? levels[i + 1] : levels[i - 1];
    if (next === undefined) return;
    const gap = Math.abs(draft.slots[kind].limit - draft.slots[next].limit);
    if (atLeast(draft.slots[kind].deadband, gap))
      report(kind, 'deadband', { key: 'deadbandGap', values: { gap } });
  });
}

/** a ≥ b for decimals as typed: 2.7 − 2.3 is 0.40000000000000036, and a deadband of 0.4 fills that gap. */
const atLeast = (a: number, b: number) => a >= b - 1e-9 * Math.max(1, Math.abs(b));

/** The short names engineers use for the level limits; the same in Dutch and English. */
export const LABEL: Record<LevelKind, string> = { 'high-high': 'HH', high: 'H', low: 'L', 'low-low': 'LL' };

export const hasProblems = (problems: FieldProblems) => Object.keys(problems).length > 0;
