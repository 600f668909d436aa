import { describe, expect, it } from 'vitest';
import { groupLimitSets, type LimitSet, newRuleId, rulesOf, targetKey } from './limit-sets';
import { ruleFor } from './test-rules';

const level = { assetKind: 'pumping-station', metric: 'level' } as const;
const no2 = { assetKind: 'air-quality-station', metric: 'no2' } as const;

describe('limit sets', () => {
  it('puts the HH and H of the sewer level into one set, and each target into its own', () => {
    const sets = groupLimitSets([
      ruleFor('sewer-high', 'high', 2.3, level),
      ruleFor('sewer-hh', 'high-high', 2.7, level, { priority: 1 }),
      ruleFor('one-channel', 'high', 40, { channelId: 'aq-oude-schans/no2' }),
    ]);
    expect(sets.map((set) => set.key)).toEqual(['channel:aq-oude-schans/no2', 'kind:pumping-station:level']);
    expect(sets[1]?.rules.high?.id).toBe('sewer-high');
    expect(sets[1]?.rules['high-high']?.id).toBe('sewer-hh');
    expect(rulesOf(sets[1] as LimitSet).map((rule) => rule.id)).toEqual(['sewer-hh', 'sewer-high']);
  });

  it('gives a second H on the same target a set of its own, the more urgent one first', () => {
    const sets = groupLimitSets([
      ruleFor('no2-lki', 'high', 75, no2, { priority: 4 }),
      ruleFor('no2-eu', 'high', 200, no2, { priority: 2 }),
    ]);
    expect(sets.map((set) => [set.key, set.rules.high?.id])).toEqual([
      ['kind:air-quality-station:no2', 'no2-eu'],
      ['kind:air-quality-station:no2#2', 'no2-lki'],
    ]);
  });

  it('names targets the same whatever order their fields were written in', () => {
    expect(targetKey({ metric: 'no2', assetKind: 'air-quality-station' })).toBe(targetKey(no2));
    expect(targetKey({ scope: 'gateways' })).toBe('scope:gateways');
  });

  it('makes a new id from the target and kind that IdSchema accepts, numbered when taken', () => {
    const target = { channelId: 'ps-buiksloterham/wet_well.level' };
    expect(newRuleId(target, 'high', new Set())).toBe('ps-buiksloterham-wet-well-level-high');
    expect(newRuleId(target, 'high', new Set(['ps-buiksloterham-wet-well-level-high']))).toBe(
      'ps-buiksloterham-wet-well-level-high-2',
    );
    expect(newRuleId({ channelId: `${'a'.repeat(80)}/x` }, 'low', new Set()).length).toBeLessThanOrEqual(64);
  });
});
