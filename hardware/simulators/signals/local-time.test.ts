import { describe, expect, it } from 'vitest';
import { instantOf, localTimeIn } from './local-time';

describe('local time in Amsterdam', () => {
  const amsterdam = localTimeIn('Europe/Amsterdam');

  it('follows summer time (UTC+2) and winter time (UTC+1)', () => {
    expect(amsterdam(Date.parse('2025-07-02T06:00:00Z'))).toMatchObject({ hour: 8, weekend: false });
    expect(amsterdam(Date.parse('2025-01-08T16:30:00Z'))).toMatchObject({ hour: 17.5, weekend: false });
  });

  it('knows the weekend by the local date, not the UTC one', () => {
    // Friday 23:30 UTC is already Saturday 00:30 in Amsterdam.
    expect(amsterdam(Date.parse('2025-01-10T23:30:00Z'))).toMatchObject({ hour: 0.5, weekend: true });
    expect(amsterdam(Date.parse('2025-01-12T22:59:00Z')).weekend).toBe(true);
    expect(amsterdam(Date.parse('2025-01-12T23:00:00Z'))).toMatchObject({ hour: 0, weekend: false });
  });

  it('carries the instant along, so models that need the date (the sun) have it', () => {
    const instant = Date.parse('2025-06-21T20:00:00Z');
    expect(amsterdam(instant)).toEqual({ hour: 22, weekend: true, epochMs: instant });
    expect(instantOf({ hour: 13, weekend: false })).toBe(Date.parse('2025-03-20T12:00:00Z'));
  });
});
