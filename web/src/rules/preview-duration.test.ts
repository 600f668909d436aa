import { describe, expect, it } from 'vitest';
import { durationParts } from './preview-duration';

describe('time in alarm in words', () => {
  it('rounds to minutes and steps up to hours and days', () => {
    expect(durationParts(0)).toEqual({ unit: 'zero' });
    expect(durationParts(20_000)).toEqual({ unit: 'zero' });
    expect(durationParts(45 * 60_000)).toEqual({ unit: 'minutes', minutes: 45 });
    expect(durationParts(125 * 60_000)).toEqual({ unit: 'hours', hours: 2, minutes: 5 });
    expect(durationParts((3 * 24 + 5) * 3_600_000 + 59_000)).toEqual({ unit: 'days', days: 3, hours: 5 });
  });
});
