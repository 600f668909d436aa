import { describe, expect, it } from 'vitest';
import { instantOf, instantsOfWallClock, localTimeIn } from './local-time';

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

describe('a Dutch wall-clock time as instants (recorded files carry local time)', () => {
  const instantsOf = instantsOfWallClock('Europe/Amsterdam');
  const at = (text: string) => {
    const [date = '', time = ''] = text.split(' ');
    const [year, month, day] = date.split('-').map(Number) as [number, number, number];
    const [hour, minute, second] = time.split(':').map(Number) as [number, number, number];
    return instantsOf({ year, month, day, hour, minute, second }).map((ms) => new Date(ms).toISOString());
  };

  it('is one instant on an ordinary summer or winter day', () => {
    expect(at('2023-09-18 08:00:00')).toEqual(['2023-09-18T06:00:00.000Z']);
    expect(at('2023-01-10 08:00:00')).toEqual(['2023-01-10T07:00:00.000Z']);
    // 24:00 is the next midnight, as an hour-ending file may write it.
    expect(at('2017-04-30 24:00:00')).toEqual(['2017-04-30T22:00:00.000Z']);
  });

  it('has no instant in the hour skipped on the last Sunday of March (02:00 becomes 03:00)', () => {
    expect(at('2023-03-26 01:59:59')).toEqual(['2023-03-26T00:59:59.000Z']);
    expect(at('2023-03-26 02:00:00')).toEqual([]);
    expect(at('2023-03-26 02:30:00')).toEqual([]);
    expect(at('2023-03-26 03:00:00')).toEqual(['2023-03-26T01:00:00.000Z']);
    expect(at('2024-03-31 02:15:00')).toEqual([]);
  });

  it('has two instants in the hour repeated on the last Sunday of October (03:00 becomes 02:00)', () => {
    expect(at('2023-10-29 01:59:59')).toEqual(['2023-10-28T23:59:59.000Z']);
    expect(at('2023-10-29 02:00:00')).toEqual(['2023-10-29T00:00:00.000Z', '2023-10-29T01:00:00.000Z']);
    expect(at('2023-10-29 02:59:59')).toEqual(['2023-10-29T00:59:59.000Z', '2023-10-29T01:59:59.000Z']);
    expect(at('2023-10-29 03:00:00')).toEqual(['2023-10-29T02:00:00.000Z']);
    expect(at('2019-10-27 02:00:00')).toEqual(['2019-10-27T00:00:00.000Z', '2019-10-27T01:00:00.000Z']);
  });
});
