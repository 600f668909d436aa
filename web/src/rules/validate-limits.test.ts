import { describe, expect, it } from 'vitest';
import { emptyDraft, type LimitSetDraft } from './draft';
import { TEXTS } from './test-rules';
import { validateLimitSet } from './validate-limits';

/** A sewer wet well's set with the given slots in use. */
function wetWell(limits: Partial<Record<'high-high' | 'high' | 'low' | 'low-low', number>>): LimitSetDraft {
  const draft = emptyDraft({ assetKind: 'pumping-station', metric: 'level' }, TEXTS);
  for (const [kind, limit] of Object.entries(limits)) {
    const slot = draft.slots[kind as keyof typeof limits];
    slot.inUse = true;
    slot.limit = limit;
  }
  return draft;
}

describe('checking a limit set before it is sent', () => {
  it('accepts HH 2.7 > H 2.3 > L 0.4 > LL 0.2 with deadbands inside the gaps', () => {
    const draft = wetWell({ 'high-high': 2.7, high: 2.3, low: 0.4, 'low-low': 0.2 });
    draft.slots.high.deadband = 0.1;
    expect(validateLimitSet(draft)).toEqual({});
  });

  it('says "HH must be above H" beside both fields when H is raised above HH', () => {
    const problems = validateLimitSet(wetWell({ 'high-high': 2.7, high: 2.9 }));
    expect(problems['high-high.limit']).toEqual({ key: 'mustBeAbove', values: { upper: 'HH', lower: 'H' } });
    expect(problems['high.limit']).toEqual({ key: 'mustBeBelow', values: { upper: 'HH', lower: 'H' } });
  });

  it('compares a limit with the next one in use, skipping empty slots', () => {
    const problems = validateLimitSet(wetWell({ high: 0.3, 'low-low': 0.5 }));
    expect(problems['high.limit']?.key).toBe('mustBeAbove');
    expect(problems['low-low.limit']?.key).toBe('mustBeBelow');
  });

  it('refuses equal limits: the order is strict', () => {
    expect(validateLimitSet(wetWell({ high: 2, low: 2 }))['high.limit']?.key).toBe('mustBeAbove');
  });

  it('refuses a deadband as wide as the gap to the next limit the alarm clears towards', () => {
    const draft = wetWell({ 'high-high': 2.7, high: 2.3, low: 0.4 });
    draft.slots['high-high'].deadband = 0.4;
    draft.slots.low.deadband = 2;
    const problems = validateLimitSet(draft);
    expect(problems['high-high.deadband']?.key).toBe('deadbandGap');
    expect(problems['high-high.deadband']?.values?.gap).toBeCloseTo(0.4);
    // L clears upwards, towards H at 2.3: the gap is 1.9.
    expect(problems['low.deadband']?.key).toBe('deadbandGap');
    draft.slots['high-high'].deadband = 0.39;
    draft.slots.low.deadband = 1.89;
    expect(validateLimitSet(draft)).toEqual({});
    draft.slots.low.deadband = 1.9;
    expect(validateLimitSet(draft)['low.deadband']?.key).toBe('deadbandGap');
  });

  it('measures the deadband of H against L, the next limit below it', () => {
    const draft = wetWell({ high: 2.3, low: 0.4 });
    draft.slots.high.deadband = 1.8;
    expect(validateLimitSet(draft)).toEqual({});
    draft.slots.high.deadband = 1.9;
    expect(validateLimitSet(draft)['high.deadband']?.key).toBe('deadbandGap');
  });

  it('asks for a limit in a slot in use, and ignores slots not in use', () => {
    const draft = wetWell({ high: Number.NaN });
    draft.slots.low.limit = 99;
    expect(validateLimitSet(draft)).toEqual({ 'high.limit': { key: 'required' } });
  });

  it('refuses a negative deadband, delays outside 0..24 h, and a rule without a name or message', () => {
    const draft = wetWell({ high: 2.3 });
    Object.assign(draft.slots.high, { deadband: -1, onDelayS: -5, offDelayS: 86_401 });
    draft.slots.high.name = { nl: ' ', en: '' };
    draft.slots.high.message = { nl: 'x'.repeat(501), en: '' };
    expect(validateLimitSet(draft)).toEqual({
      'high.deadband': { key: 'deadbandNegative' },
      'high.onDelay': { key: 'delayRange', values: { max: 24 } },
      'high.offDelay': { key: 'delayRange', values: { max: 24 } },
      'high.name': { key: 'textRequired' },
      'high.message': { key: 'textTooLong', values: { max: 500 } },
    });
  });

  it('wants a rate of change and a no-data time above zero', () => {
    const draft = wetWell({});
    Object.assign(draft.slots['rate-of-change'], { inUse: true, limit: 0 });
    Object.assign(draft.slots['no-data'], { inUse: true, limit: -3 });
    const problems = validateLimitSet(draft);
    expect(problems['rate-of-change.limit']?.key).toBe('mustBePositive');
    expect(problems['no-data.limit']?.key).toBe('mustBePositive');
  });
});
