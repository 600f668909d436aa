import { StatusCode } from '@city/domain';
import { describe, expect, it } from 'vitest';
import { hasUsableValue, qualityOf, STALE_AFTER_MS } from './feature-quality';

const NOW = 1_800_000_000_000;
const reading = (value: number | null, statusCode: number, ageMs = 1_000) => ({
  channelId: 'aq-vondelpark/no2',
  value,
  statusCode,
  sourceTime: NOW - ageMs,
  serverTime: NOW - ageMs + 50,
});

describe('what the map says about a value it draws', () => {
  it('is good for a fresh good value', () => {
    expect(qualityOf(reading(41.5, StatusCode.Good), NOW)).toBe('good');
  });

  it('is stale when a good value has not been renewed for over a minute (a silent gateway)', () => {
    expect(qualityOf(reading(41.5, StatusCode.Good, STALE_AFTER_MS + 1), NOW)).toBe('stale');
    expect(qualityOf(reading(41.5, StatusCode.Good, STALE_AFTER_MS - 1), NOW)).toBe('good');
  });

  it('is uncertain for the last usable value a device no longer confirms', () => {
    expect(qualityOf(reading(41.5, StatusCode.UncertainLastUsableValue), NOW)).toBe('uncertain');
  });

  it('is bad when the device does not answer, whatever number came with it', () => {
    expect(qualityOf(reading(41.5, StatusCode.BadNoCommunication), NOW)).toBe('bad');
    expect(qualityOf(reading(null, StatusCode.Good), NOW)).toBe('bad');
  });

  it('has no data before anything came, and then draws no number', () => {
    expect(qualityOf(undefined, NOW)).toBe('no-data');
    expect(hasUsableValue('no-data')).toBe(false);
    expect(hasUsableValue('bad')).toBe(false);
    expect(hasUsableValue('stale')).toBe(true);
  });
});
