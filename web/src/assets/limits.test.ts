import type { AlarmRule } from '@city/domain';
import { describe, expect, it } from 'vitest';
import { limitsFor, primaryChannel } from './limits';

const rule = (overrides: Partial<AlarmRule>): AlarmRule => ({
  id: 'r',
  name: { en: 'rule' },
  kind: 'high',
  target: { assetKind: 'pumping-station', metric: 'level' },
  limit: 1,
  deadband: 0,
  onDelayMs: 0,
  offDelayMs: 0,
  priority: 3,
  message: { en: '{asset}' },
  reference: '',
  enabled: true,
  ...overrides,
});

const level = { id: 'ps-buiksloterham/level', metric: 'level' };
const inflow = { id: 'ps-buiksloterham/inflow', metric: 'inflow' };

describe('the limits drawn on a channel', () => {
  it('takes the station rules for its kind and metric, HH above H', () => {
    const rules = [
      rule({ id: 'sewer-high-level', kind: 'high', limit: 2.3, priority: 2 }),
      rule({ id: 'sewer-high-high-level', kind: 'high-high', limit: 2.7, priority: 1 }),
    ];
    expect(limitsFor(rules, level, 'pumping-station')).toEqual([
      { ruleId: 'sewer-high-high-level', kind: 'high-high', label: 'HH', value: 2.7, priority: 1 },
      { ruleId: 'sewer-high-level', kind: 'high', label: 'H', value: 2.3, priority: 2 },
    ]);
  });

  it('takes a rule aimed at this one channel, and not one aimed at another', () => {
    const rules = [
      rule({ id: 'mine', kind: 'low', limit: 0.2, target: { channelId: level.id } }),
      rule({ id: 'other', kind: 'low', limit: 0.2, target: { channelId: 'ps-zeeburg/level' } }),
    ];
    expect(limitsFor(rules, level, 'pumping-station').map((limit) => [limit.ruleId, limit.label])).toEqual([
      ['mine', 'L'],
    ]);
  });

  it('leaves out disabled rules, other metrics, other kinds, and rules without a value limit', () => {
    const rules = [
      rule({ id: 'off', enabled: false }),
      rule({ id: 'inflow', target: { assetKind: 'pumping-station', metric: 'inflow' } }),
      rule({ id: 'gauge', target: { assetKind: 'level-gauge', metric: 'level' } }),
      rule({ id: 'rate', kind: 'rate-of-change' }),
      rule({ id: 'silence', kind: 'no-data', target: { scope: 'devices' } }),
    ];
    expect(limitsFor(rules, level, 'pumping-station')).toEqual([]);
  });
});

describe('the channel charted first', () => {
  it("is the kind's own metric: a station's wet-well level", () => {
    expect(primaryChannel([inflow, level], 'pumping-station', [])).toBe(level);
  });

  it('falls back to a channel with limits, then to the first channel', () => {
    const rules = [rule({ target: { channelId: inflow.id } })];
    expect(primaryChannel([level, inflow], 'level-gauge', rules)?.id).toBe(level.id);
    expect(primaryChannel([{ id: 'a/x', metric: 'x' }, inflow], 'level-gauge', rules)).toBe(inflow);
    expect(primaryChannel([inflow], 'level-gauge', [])).toBe(inflow);
  });
});
