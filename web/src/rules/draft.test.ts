import { AlarmRuleSchema } from '@city/domain';
import { describe, expect, it } from 'vitest';
import { draftOf, emptyDraft, ruleOf, savePlan } from './draft';
import { groupLimitSets, type LimitSet } from './limit-sets';
import { ruleFor, TEXTS } from './test-rules';

const level = { assetKind: 'pumping-station', metric: 'level' } as const;

describe('saving a limit set', () => {
  const rules = [
    ruleFor('sewer-high', 'high', 2.3, level, { deadband: 0.1, onDelayMs: 60_000 }),
    ruleFor('sewer-hh', 'high-high', 2.7, level, { priority: 1 }),
  ];
  const set = groupLimitSets(rules)[0] as LimitSet;
  const taken = new Set(rules.map((rule) => rule.id));

  it('saves nothing for a set opened and left as it was', () => {
    expect(savePlan(set, draftOf(set, TEXTS), taken)).toEqual({ save: [], delete: [] });
  });

  it('saves only the slot whose limit changed, with its delays back in milliseconds', () => {
    const draft = draftOf(set, TEXTS);
    draft.slots.high.limit = 1.9;
    const plan = savePlan(set, draft, taken);
    expect(plan.delete).toEqual([]);
    expect(plan.save).toEqual([{ ...rules[0], limit: 1.9, onDelayMs: 60_000 }]);
  });

  it('deletes a rule whose slot is given up, and names a new slot after its target and kind', () => {
    const draft = draftOf(set, TEXTS);
    draft.slots['high-high'].inUse = false;
    Object.assign(draft.slots.low, { inUse: true, limit: 0.3 });
    const plan = savePlan(set, draft, taken);
    expect(plan.delete).toEqual(['sewer-hh']);
    expect(plan.save.map((rule) => [rule.id, rule.kind, rule.limit])).toEqual([
      ['pumping-station-level-low', 'low', 0.3],
    ]);
  });

  it('builds a rule the schema accepts from a new slot, texts in both languages', () => {
    const draft = emptyDraft({ channelId: 'ps-buiksloterham/level' }, TEXTS);
    Object.assign(draft.slots.high, { inUse: true, limit: 1.2, onDelayS: 1.5 });
    const rule = ruleOf(draft.target, 'high', draft.slots.high, new Set());
    const parsed = AlarmRuleSchema.parse(rule);
    expect(parsed).toMatchObject({
      id: 'ps-buiksloterham-level-high',
      onDelayMs: 1500,
      name: { nl: 'nieuw high', en: 'new high' },
      priority: 2,
    });
  });
});
