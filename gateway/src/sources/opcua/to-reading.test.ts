import { StatusCode } from '@city/domain';
import { describe, expect, it } from 'vitest';
import { type ReceiveContext, toReading } from './to-reading';

const NOW = Date.UTC(2026, 10, 29, 12);
const change: ReceiveContext = { receivedAtMs: NOW, maxClockSkewMs: 60_000, fromRead: false };
const read: ReceiveContext = { ...change, fromRead: true };
const value = (over: Partial<Parameters<typeof toReading>[1]>) => ({
  value: 4.2,
  statusCode: StatusCode.Good,
  sourceTimeMs: NOW - 500,
  serverTimeMs: NOW - 400,
  ...over,
});

describe('an OPC UA value as a reading', () => {
  it('keeps the source time and the StatusCode as they came', () => {
    const reading = toReading('a/b', value({ statusCode: StatusCode.BadSensorFailure, value: null }), change);
    expect(reading).toEqual({
      channelId: 'a/b',
      value: null,
      statusCode: StatusCode.BadSensorFailure,
      sourceTime: new Date(NOW - 500),
    });
  });

  it('distrusts a change stamped an hour ago: server time, Uncertain', () => {
    const reading = toReading('a/b', value({ sourceTimeMs: NOW - 3_600_000 }), change);
    expect(reading.sourceTime.getTime()).toBe(NOW - 400);
    expect(reading.statusCode).toBe(StatusCode.Uncertain);
  });

  it('falls back to the arrival time when the server clock is just as wrong', () => {
    const reading = toReading(
      'a/b',
      value({ sourceTimeMs: NOW + 7_200_000, serverTimeMs: NOW + 7_200_000 }),
      change,
    );
    expect(reading.sourceTime.getTime()).toBe(NOW);
    expect(reading.statusCode).toBe(StatusCode.Uncertain);
  });

  it('lets a read value keep an old time (it has not changed since), but never a future one', () => {
    expect(toReading('a/b', value({ sourceTimeMs: NOW - 3_600_000 }), read).sourceTime.getTime()).toBe(
      NOW - 3_600_000,
    );
    expect(toReading('a/b', value({ sourceTimeMs: NOW + 3_600_000 }), read).statusCode).toBe(
      StatusCode.Uncertain,
    );
  });

  it('keeps a bad quality bad, and turns booleans into 0/1', () => {
    const bad = toReading('a/b', value({ statusCode: StatusCode.BadTimeout, sourceTimeMs: 0 }), change);
    expect(bad.statusCode).toBe(StatusCode.BadTimeout);
    expect(toReading('a/b', value({ value: true }), change).value).toBe(1);
  });

  it('says a Good value that is no number cannot be stored, rather than storing nothing', () => {
    expect(toReading('a/b', value({ value: 'open' }), change).statusCode).toBe(StatusCode.BadDecodingError);
  });
});
