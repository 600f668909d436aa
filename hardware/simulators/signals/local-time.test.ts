import { describe, expect, it } from 'vitest';
import { localTimeIn } from './local-time';

describe('local time in Amsterdam', () => {
  const amsterdam = localTimeIn('Europe/Amsterdam');

  it('follows summer time (UTC+2) and winter time (UTC+1)', () => {
    expect(amsterdam(Date.parse('2025-07-02T06:00:00Z'))).toEqual({ hour: 8, weekend: false });
    expect(amsterdam(Date.parse('2025-01-08T16:30:00Z'))).toEqual({ hour: 17.5, weekend: false });
  });

  it('knows the weekend by the local date, not the UTC one', () => {
    // Friday 23:30 UTC is already Saturday 00:30 in Amsterdam.
    expect(amsterdam(Date.parse('2025-01-10T23:30:00Z'))).toEqual({ hour: 0.5, weekend: true });
    expect(amsterdam(Date.parse('2025-01-12T22:59:00Z')).weekend).toBe(true);
    expect(amsterdam(Date.parse('2025-01-12T23:00:00Z'))).toEqual({ hour: 0, weekend: false });
  });
});
