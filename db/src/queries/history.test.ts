import type { Reading } from '@city/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MaintenanceRunner } from '../maintenance';
import { backends, createTestDatabase, seedChannels, type TestDatabase } from '../testing';
import { type History, planHistory, readHistory } from './history';
import { insertReadings } from './ingest';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const CHANNEL = 'aq-history/no2';

// Three whole hours of 10-second readings ending at the last full hour, with a dead sensor for a minute.
const end = Math.floor(Date.now() / HOUR) * HOUR;
const start = end - 3 * HOUR;
const readings: Reading[] = Array.from({ length: (3 * HOUR) / 10_000 }, (_, i) => {
  const t = start + i * 10_000;
  const dead = t >= start + 30 * MINUTE && t < start + 31 * MINUTE;
  return {
    channelId: CHANNEL,
    value: dead ? null : Math.round((50 + 30 * Math.sin(i / 40) + (i % 7)) * 100) / 100,
    statusCode: dead ? 0x800a_0000 : 0,
    sourceTime: new Date(t),
  };
});

function expectedBucket(fromMs: number, toMs: number) {
  const inside = readings.filter((r) => r.sourceTime.getTime() >= fromMs && r.sourceTime.getTime() < toMs);
  const values = inside.map((r) => r.value).filter((v): v is number => v !== null);
  return {
    min: Math.min(...values),
    max: Math.max(...values),
    avg: values.reduce((a, b) => a + b, 0) / values.length,
    count: values.length,
    last: inside.at(-1)?.value ?? null,
  };
}

describe('history on both backends', () => {
  const targets = new Map<string, TestDatabase>();
  beforeAll(async () => {
    for (const backend of backends) {
      const target = await createTestDatabase(backend);
      await seedChannels(target.db, 'aq-history', ['no2']);
      for (let i = 0; i < readings.length; i += 500)
        await insertReadings(target.db, readings.slice(i, i + 500));
      await new MaintenanceRunner(target.db).run({ force: true });
      targets.set(backend, target);
    }
  });
  afterAll(async () => {
    for (const target of targets.values()) await target.drop();
  });

  async function both(request: { from: number; to: number; maxPoints: number }): Promise<History[]> {
    return Promise.all(
      [...targets.values()].map((target) =>
        readHistory(target.db, {
          channelId: CHANNEL,
          from: new Date(request.from),
          to: new Date(request.to),
          maxPoints: request.maxPoints,
        }),
      ),
    );
  }

  it('chooses raw data for buckets under an hour and the 1-hour rollup beyond', () => {
    expect(planHistory(10 * MINUTE, 1_000)).toEqual({ source: 'raw', bucketMs: 1_000 });
    expect(planHistory(24 * HOUR, 1_000)).toEqual({ source: 'raw', bucketMs: 2 * MINUTE });
    expect(planHistory(30 * 24 * HOUR, 1_000)).toEqual({ source: '1h', bucketMs: HOUR });
    expect(planHistory(HOUR, 60)).toEqual({ source: 'raw', bucketMs: MINUTE });
  });

  it('answers a short range from raw readings, one point per reading', async () => {
    const [embedded, postgres] = await both({
      from: start + 10 * MINUTE,
      to: start + 15 * MINUTE,
      maxPoints: 1_000,
    });
    expect(embedded?.source).toBe('raw');
    expect(embedded?.points).toHaveLength(30);
    const first = readings.find((r) => r.sourceTime.getTime() === start + 10 * MINUTE);
    expect(embedded?.points[0]).toMatchObject({ min: first?.value, max: first?.value, count: 1 });
    expect(postgres?.points).toEqual(embedded?.points);
  });

  it('answers hours in minute buckets computed from the raw data', async () => {
    const [embedded, postgres] = await both({ from: start, to: end, maxPoints: 200 });
    expect(embedded?.source).toBe('raw');
    expect(embedded?.bucketMs).toBe(MINUTE);
    expect(embedded?.points).toHaveLength(180);
    const sample = embedded?.points[45];
    const expected = expectedBucket(start + 45 * MINUTE, start + 46 * MINUTE);
    expect(sample).toMatchObject({
      min: expected.min,
      max: expected.max,
      count: expected.count,
      last: expected.last,
    });
    expect(sample?.avg).toBeCloseTo(expected.avg, 9);
    // The dead minute: a bucket with no values and a null last, so the chart shows the gap.
    expect(embedded?.points[30]).toMatchObject({ count: 0, min: null, avg: null, max: null, last: null });
    expectSameAnswers(embedded, postgres);
  });

  it('answers long ranges from the 1-hour rollup, built from the raw readings', async () => {
    const [embedded, postgres] = await both({ from: start, to: end, maxPoints: 3 });
    expect(embedded?.source).toBe('1h');
    expect(embedded?.points).toHaveLength(3);
    const expected = expectedBucket(start + HOUR, start + 2 * HOUR);
    expect(embedded?.points[1]).toMatchObject({
      min: expected.min,
      max: expected.max,
      count: expected.count,
    });
    expect(embedded?.points[1]?.avg).toBeCloseTo(expected.avg, 9);
    expectSameAnswers(embedded, postgres);
  });

  it('folds late readings into rollups that were already materialised', async () => {
    const lateMinute = start + 90 * MINUTE;
    for (const target of targets.values()) {
      await insertReadings(target.db, [
        { channelId: CHANNEL, value: 999, statusCode: 0, sourceTime: new Date(lateMinute + 5_000) },
      ]);
      await new MaintenanceRunner(target.db).run({ force: true });
    }
    const [embedded, postgres] = await both({ from: start, to: end, maxPoints: 200 });
    expect(embedded?.points[90]?.max).toBe(999);
    expect(embedded?.points[90]?.count).toBe(7);
    const [hourly] = await both({ from: start, to: end, maxPoints: 3 });
    expect(hourly?.points[1]?.max).toBe(999);
    expectSameAnswers(embedded, postgres);
  });

  it('includes the newest readings before any maintenance has run (real-time rollups)', async () => {
    const now = Date.now();
    for (const target of targets.values()) {
      await insertReadings(target.db, [
        { channelId: CHANNEL, value: 123.25, statusCode: 0, sourceTime: new Date(now - 1_000) },
      ]);
    }
    const [embedded, postgres] = await both({ from: now - 6 * HOUR, to: now + MINUTE, maxPoints: 400 });
    expect(embedded?.source).toBe('raw');
    expect(embedded?.points.at(-1)?.last).toBe(123.25);
    expectSameAnswers(embedded, postgres);
    const [hourly, hourlyPostgres] = await both({ from: now - 6 * HOUR, to: now + MINUTE, maxPoints: 7 });
    expect(hourly?.source).toBe('1h');
    expect(hourly?.points.at(-1)?.last).toBe(123.25);
    expectSameAnswers(hourly, hourlyPostgres);
  });

  it('still shows hours that were older than the raw data when the 1-hour rollup was rebuilt', async () => {
    // Migration 0010 kept such hours in readings_1h_archive: raw retention had dropped their readings.
    const archived = start - 100 * 24 * HOUR;
    for (const target of targets.values()) {
      await target.db.query(
        `INSERT INTO readings_1h_archive (channel, bucket, min, max, avg, sum, count, last)
         SELECT num, $2, 1, 5, 3, 180, 60, 4 FROM channels WHERE id = $1`,
        [CHANNEL, new Date(archived)],
      );
    }
    const [embedded, postgres] = await both({ from: archived, to: archived + 3 * HOUR, maxPoints: 3 });
    expect(embedded?.source).toBe('1h');
    expect(embedded?.points).toEqual([{ time: archived, min: 1, avg: 3, max: 5, count: 60, last: 4 }]);
    expect(postgres?.points).toEqual(embedded?.points);
  });
});

function expectSameAnswers(a: History | undefined, b: History | undefined) {
  expect(b?.source).toBe(a?.source);
  expect(b?.points.map((p) => [p.time, p.count, p.min, p.max, p.last])).toEqual(
    a?.points.map((p) => [p.time, p.count, p.min, p.max, p.last]),
  );
  a?.points.forEach((point, i) => {
    if (point.avg === null) expect(b?.points[i]?.avg).toBeNull();
    else expect(b?.points[i]?.avg).toBeCloseTo(point.avg, 9);
  });
}
