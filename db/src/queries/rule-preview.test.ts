import { type Reading, StatusCode } from '@city/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, createTestDatabase, seedChannels, type TestDatabase } from '../testing';
import { insertReadings } from './ingest';
import { readPreviewReadings } from './rule-preview';

const MINUTE = 60_000;
const to = Math.floor(Date.now() / MINUTE) * MINUTE;
const from = to - 1_000 * MINUTE;

// Two stations with a reading a minute over the last 1,000 minutes (the west one every other
// minute), the east one's sensor failing at minute 500; a third station never reported.
const readings: Reading[] = [];
for (let m = 0; m < 1_000; m++) {
  const sourceTime = new Date(from + m * MINUTE);
  const failed = m === 500;
  readings.push({
    channelId: 'aq-oost/no2',
    value: failed ? null : m,
    statusCode: failed ? StatusCode.BadSensorFailure : StatusCode.Good,
    sourceTime,
  });
  if (m % 2 === 0) readings.push({ channelId: 'aq-west/no2', value: m, statusCode: 0, sourceTime });
}

describe.each(backends)('readings for a rule preview on %s', (backend) => {
  let target: TestDatabase;
  const read = (maxReadings: number, pageSize?: number, channelIds = ['aq-oost/no2', 'aq-west/no2']) =>
    readPreviewReadings(target.db, {
      channelIds,
      from: new Date(from),
      to: new Date(to),
      maxReadings,
      ...(pageSize ? { pageSize } : {}),
    });

  beforeAll(async () => {
    target = await createTestDatabase(backend);
    for (const station of ['aq-oost', 'aq-west', 'aq-stil']) await seedChannels(target.db, station, ['no2']);
    await insertReadings(target.db, readings);
  });
  afterAll(async () => {
    await target?.drop();
  });

  it('gives every reading of the period, oldest first, status codes as sent, when they fit', async () => {
    const all = await read(10_000);
    expect(all).toMatchObject({ count: 1_500, truncated: false, from: new Date(from) });
    const east = all.readings.get('aq-oost/no2') ?? [];
    expect(east).toHaveLength(1_000);
    expect(east[0]).toEqual({ value: 0, statusCode: StatusCode.Good, sourceTime: from });
    expect(east.at(-1)?.sourceTime).toBe(to - MINUTE);
    expect(east[500]).toEqual({
      value: null,
      statusCode: StatusCode.BadSensorFailure,
      sourceTime: from + 500 * MINUTE,
    });
    expect(all.readings.get('aq-west/no2')).toHaveLength(500);
  });

  it('reads in pages without losing or repeating a reading', async () => {
    const paged = await read(10_000, 97);
    expect(paged).toEqual(await read(10_000));
  });

  it('past the cap keeps the newest period both channels cover in full, and says it is truncated', async () => {
    // A share of 300 each: the east station's 300 newest readings go back 300 minutes, the west's 600.
    const capped = await read(600, 64);
    expect(capped.truncated).toBe(true);
    expect(capped.from.getTime()).toBe(to - 301 * MINUTE + 1);
    const east = capped.readings.get('aq-oost/no2') ?? [];
    const west = capped.readings.get('aq-west/no2') ?? [];
    expect(east).toHaveLength(300);
    expect(west).toHaveLength(150);
    expect(capped.count).toBe(450);
    expect(Math.min(east[0]?.sourceTime ?? 0, west[0]?.sourceTime ?? 0)).toBeGreaterThanOrEqual(
      capped.from.getTime(),
    );
  });

  it('lists a channel that never reported, and one that does not exist, with no readings', async () => {
    const quiet = await read(10_000, undefined, ['aq-stil/no2', 'nowhere/no2']);
    expect(quiet).toMatchObject({ count: 0, truncated: false });
    expect([...quiet.readings]).toEqual([
      ['aq-stil/no2', []],
      ['nowhere/no2', []],
    ]);
  });
});
