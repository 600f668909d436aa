import { StatusCode } from '@city/domain';
import { describe, expect, it } from 'vitest';
import { ageOf, fractionDigits, liveQuality, STALE_AFTER_MS } from './live-value';

const NOW = 1_800_000_000_000;
const reading = (overrides: { value?: number | null; statusCode?: number; ageMs?: number } = {}) => ({
  channelId: 'ps-buiksloterham/level',
  value: overrides.value === undefined ? 1.2 : overrides.value,
  statusCode: overrides.statusCode ?? StatusCode.Good,
  sourceTime: NOW - (overrides.ageMs ?? 1_000),
  serverTime: NOW,
});

describe('the quality shown beside a live value', () => {
  it('is good for a fresh good reading', () => {
    expect(liveQuality(reading(), NOW)).toBe('good');
  });

  it('is bad for a device that did not answer, however fresh', () => {
    expect(liveQuality(reading({ value: null, statusCode: StatusCode.BadTimeout }), NOW)).toBe('bad');
  });

  it('is uncertain for a last usable value', () => {
    const marker = reading({ value: null, statusCode: StatusCode.UncertainLastUsableValue });
    expect(liveQuality(marker, NOW)).toBe('uncertain');
    expect(liveQuality(reading({ statusCode: StatusCode.UncertainSensorNotAccurate }), NOW)).toBe(
      'uncertain',
    );
  });

  it('is stale once nothing new came for two minutes', () => {
    expect(liveQuality(reading({ ageMs: STALE_AFTER_MS - 1 }), NOW)).toBe('good');
    expect(liveQuality(reading({ ageMs: STALE_AFTER_MS + 1 }), NOW)).toBe('stale');
  });

  it('is none before any value came', () => {
    expect(liveQuality(undefined, NOW)).toBe('none');
  });
});

describe('the age of a value', () => {
  it('counts seconds, then minutes, hours and days', () => {
    expect(ageOf(NOW - 12_400, NOW)).toEqual({ amount: 12, unit: 'seconds' });
    expect(ageOf(NOW - 119_000, NOW)).toEqual({ amount: 119, unit: 'seconds' });
    expect(ageOf(NOW - 5 * 60_000, NOW)).toEqual({ amount: 5, unit: 'minutes' });
    expect(ageOf(NOW - 3 * 3_600_000, NOW)).toEqual({ amount: 3, unit: 'hours' });
    expect(ageOf(NOW - 3 * 86_400_000, NOW)).toEqual({ amount: 3, unit: 'days' });
  });

  it('is never negative when the device clock runs ahead', () => {
    expect(ageOf(NOW + 2_000, NOW)).toEqual({ amount: 0, unit: 'seconds' });
  });
});

describe('decimals', () => {
  it('follow the display range', () => {
    expect(fractionDigits([0, 4])).toBe(2);
    expect(fractionDigits([0, 100])).toBe(1);
    expect(fractionDigits([0, 1000])).toBe(0);
  });

  it('are none for counts, states and switches, which have no unit', () => {
    expect(fractionDigits([0, 1], '')).toBe(0);
    expect(fractionDigits([0, 50], '')).toBe(0);
    expect(fractionDigits([0, 1], 'm')).toBe(2);
  });
});
