import {
  type Asset,
  type Channel,
  READINGS_NOTIFY_CHANNEL,
  type Reading,
  ReadingsNoticeSchema,
  StatusCode,
} from '@city/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, createTestDatabase, type TestDatabase } from '../../testing';
import { upsertAssets, upsertChannels } from '../assets';
import { latestValues } from '../latest';
import { insertReadings } from '.';
import { LATEST_WRITE_BEHIND_MS } from './latest-writer';
import { noticePayloads } from './notices';

const station = {
  id: 'aq-test',
  kind: 'air-quality-station',
  layer: 'air',
  name: 'Test station',
  geometry: { type: 'Point', coordinates: [4.866, 52.36] },
  district: 'Zuid',
  properties: {},
} satisfies Asset;

const no2 = {
  id: 'aq-test/no2',
  assetId: 'aq-test',
  metric: 'no2',
  name: 'NO2',
  unit: 'µg/m³',
  displayRange: [0, 200],
  writable: false,
  source: { gatewayId: 'gw-test', deviceId: 'aq', point: 'no2' },
} satisfies Channel;

function reading(secondsAgo: number, value: number | null, statusCode: number = StatusCode.Good): Reading {
  return { channelId: no2.id, value, statusCode, sourceTime: new Date(Date.now() - secondsAgo * 1000) };
}

describe.each(backends)('readings on %s', (backend) => {
  let target: TestDatabase;
  beforeAll(async () => {
    target = await createTestDatabase(backend);
    await upsertAssets(target.db, [station]);
    await upsertChannels(target.db, [no2]);
  });
  afterAll(() => target?.drop());

  it('stores a retried batch once and counts the repeats as duplicates', async () => {
    const batch = [reading(30, 41.5), reading(29, 42.25), reading(28, null, StatusCode.BadTimeout)];
    expect(await insertReadings(target.db, batch)).toMatchObject({
      inserted: 3,
      duplicates: 0,
      quarantined: 0,
    });
    expect(await insertReadings(target.db, batch)).toMatchObject({
      inserted: 0,
      duplicates: 3,
      quarantined: 0,
    });
    const { rows } = await target.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM readings r JOIN channels c ON c.num = r.channel WHERE c.id = $1',
      [no2.id],
    );
    expect(rows[0]?.n).toBe(3);
  });

  it('stores only the new part of a batch that overlaps one already stored', async () => {
    const first = [reading(50, 1), reading(49, 2)];
    await insertReadings(target.db, first);
    const overlapping = [...first, reading(48, 3), reading(47, 4)];
    expect(await insertReadings(target.db, overlapping)).toMatchObject({ inserted: 2, duplicates: 2 });
    const twice = reading(46, 5);
    expect(await insertReadings(target.db, [twice, twice])).toMatchObject({ inserted: 1, duplicates: 1 });
    const { rows } = await target.db.query<{ value: number }>(
      `SELECT value FROM readings r JOIN channels c ON c.num = r.channel
        WHERE c.id = $1 AND r.time >= $2 AND r.time <= $3 ORDER BY r.time`,
      [no2.id, overlapping[0]?.sourceTime, twice.sourceTime],
    );
    expect(rows.map((row) => row.value)).toEqual([1, 2, 3, 4, 5]);
  });

  it('quarantines readings of a channel deleted after it was last written, instead of orphaning them', async () => {
    const doomed = { ...no2, id: 'aq-test/doomed', metric: 'doomed', name: 'Doomed' } satisfies Channel;
    await upsertChannels(target.db, [doomed]);
    const onDoomed = (secondsAgo: number) => ({ ...reading(secondsAgo, 9), channelId: doomed.id });
    expect(await insertReadings(target.db, [onDoomed(40)])).toMatchObject({ inserted: 1 });
    await target.db.query('DELETE FROM channels WHERE id = $1', [doomed.id]);
    const report = await insertReadings(target.db, [onDoomed(39), reading(39, 12)]);
    expect(report).toMatchObject({
      inserted: 1,
      quarantined: 1,
      quarantineReasons: { 'unknown-channel': 1 },
    });
    const { rows } = await target.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM readings WHERE channel NOT IN (SELECT num FROM channels) AND time > $1',
      [onDoomed(40).sourceTime],
    );
    expect(rows[0]?.n).toBe(0);
  });

  it('keeps the newest value per channel, with its full 32-bit status, and ignores late arrivals', async () => {
    const newest = reading(5, 55.5, StatusCode.UncertainLastUsableValue);
    await insertReadings(target.db, [newest]);
    await insertReadings(target.db, [reading(600, 10)]);
    const latest = (await latestValues(target.db)).find((v) => v.channelId === no2.id);
    expect(latest).toMatchObject({ value: 55.5, statusCode: StatusCode.UncertainLastUsableValue });
    expect(latest?.sourceTime).toBe(newest.sourceTime.getTime());
  });

  it('writes the newest values to latest_readings within moments, without being asked', async () => {
    const fresh = reading(0.3, 64.5);
    await insertReadings(target.db, [fresh]);
    await expect
      .poll(
        async () => {
          const { rows } = await target.db.query<{ time: Date }>(
            'SELECT l.time FROM latest_readings l JOIN channels c ON c.num = l.channel WHERE c.id = $1',
            [no2.id],
          );
          return rows[0]?.time.getTime();
        },
        { timeout: LATEST_WRITE_BEHIND_MS * 5, interval: LATEST_WRITE_BEHIND_MS / 4 },
      )
      .toBe(fresh.sourceTime.getTime());
  });

  it('answers the latest values of one layer, district or set of channels', async () => {
    await insertReadings(target.db, [reading(0.2, 33)]);
    expect((await latestValues(target.db, { layer: 'air' })).map((v) => v.channelId)).toEqual([no2.id]);
    expect(await latestValues(target.db, { layer: 'traffic' })).toEqual([]);
    expect((await latestValues(target.db, { district: 'Zuid' })).map((v) => v.channelId)).toEqual([no2.id]);
    expect(await latestValues(target.db, { district: 'Noord' })).toEqual([]);
    expect(await latestValues(target.db, { channelIds: ['other/x'] })).toEqual([]);
  });

  it('quarantines NaN, Infinity, far-future and unknown-channel rows without sinking the good ones', async () => {
    const before = await target.db.query<{ id: string }>(
      'SELECT coalesce(max(id), 0)::text AS id FROM quarantined_readings',
    );
    const report = await insertReadings(target.db, [
      reading(3, Number.NaN),
      reading(2, Number.POSITIVE_INFINITY),
      { ...reading(0, 1), sourceTime: new Date(Date.now() + 3_600_000) },
      { ...reading(1, 5), channelId: 'aq-test/nonexistent' },
      reading(1, 60),
    ]);
    expect(report).toMatchObject({
      inserted: 1,
      duplicates: 0,
      quarantined: 4,
      quarantineReasons: { 'non-finite-value': 2, 'future-time': 1, 'unknown-channel': 1 },
    });
    const { rows } = await target.db.query<{ reason: string; value: number | null; channel_id: string }>(
      'SELECT reason, value, channel_id FROM quarantined_readings WHERE id > $1::bigint ORDER BY id',
      [before.rows[0]?.id],
    );
    expect(rows.map((row) => row.reason).sort()).toEqual([
      'future-time',
      'non-finite-value',
      'non-finite-value',
      'unknown-channel',
    ]);
    // Kept as sent, so an engineer can see what the device really reported.
    expect(rows.map((row) => row.value)).toEqual(expect.arrayContaining([Number.POSITIVE_INFINITY]));
    expect(rows.find((row) => row.reason === 'unknown-channel')?.channel_id).toBe('aq-test/nonexistent');
  });

  it('announces the committed batch on NOTIFY with the newest value per channel', async () => {
    const notices: string[] = [];
    const unlisten = await target.db.listen(READINGS_NOTIFY_CHANNEL, (payload) => notices.push(payload));
    try {
      const last = reading(0.5, 77.25);
      await insertReadings(target.db, [reading(0.7, 70), last]);
      await expect.poll(() => notices.length, { timeout: 5_000 }).toBeGreaterThan(0);
      const notice = ReadingsNoticeSchema.parse(JSON.parse(notices[0] ?? ''));
      const { rows } = await target.db.query<{ server_time: Date }>(
        'SELECT server_time FROM readings r JOIN channels c ON c.num = r.channel WHERE c.id = $1 AND r.time = $2',
        [no2.id, last.sourceTime],
      );
      expect(notice.latest).toEqual([
        [no2.id, 77.25, StatusCode.Good, last.sourceTime.getTime(), rows[0]?.server_time.getTime()],
      ]);
    } finally {
      await unlisten();
    }
  });
});

describe('notice payloads', () => {
  it('stay under the 8,000-byte NOTIFY limit however large the batch', () => {
    const rows = Array.from({ length: 2_000 }, (_, i) => ({
      channel_id: `asset-with-a-long-name-${i}/metric-${i}`,
      time: new Date(),
      value: Math.PI * i,
      status_code: 0,
      server_time: new Date(),
    }));
    const payloads = noticePayloads(rows);
    expect(payloads.length).toBeGreaterThan(1);
    for (const payload of payloads) expect(Buffer.byteLength(payload)).toBeLessThan(8_000);
    const total = payloads.map((p) => ReadingsNoticeSchema.parse(JSON.parse(p)).latest.length);
    expect(total.reduce((a, b) => a + b, 0)).toBe(2_000);
  });

  it('number the parts of a batch that needs several, so a listener knows when it is all in', () => {
    const rows = (n: number) =>
      Array.from({ length: n }, (_, i) => ({
        channel_id: `lamp-${i}/dim`,
        time: new Date(),
        value: i,
        status_code: 0,
        server_time: new Date(),
      }));
    const batches = [noticePayloads(rows(1_500)), noticePayloads(rows(1_500))].map((payloads) =>
      payloads.map((p) => ReadingsNoticeSchema.parse(JSON.parse(p)).batch),
    );
    const [first = [], second = []] = batches;
    expect(first.length).toBeGreaterThan(2);
    expect(first.map((b) => [b?.part, b?.parts])).toEqual(first.map((_, i) => [i + 1, first.length]));
    expect(new Set(first.map((b) => b?.id)).size).toBe(1);
    expect(second[0]?.id).not.toBe(first[0]?.id);
    // One notice is a whole batch by itself and says nothing more.
    expect(ReadingsNoticeSchema.parse(JSON.parse(noticePayloads(rows(3))[0] ?? '')).batch).toBeUndefined();
  });

  it('carry ids with quotes, newlines and non-ASCII intact, and count their bytes, not characters', () => {
    const id = (i: number) => `Straße "Ω" ${i}\n/µg·m³-${'é'.repeat(40)}`;
    const rows = Array.from({ length: 500 }, (_, i) => ({
      channel_id: id(i),
      time: new Date(1_700_000_000_000 + i),
      value: i % 2 ? -0.1 * i : null,
      status_code: -2_147_483_648,
      server_time: new Date(1_700_000_000_500),
    }));
    const payloads = noticePayloads(rows);
    for (const payload of payloads) expect(Buffer.byteLength(payload)).toBeLessThanOrEqual(8_000);
    const latest = payloads.flatMap((p) => ReadingsNoticeSchema.parse(JSON.parse(p)).latest);
    expect(latest[7]).toEqual([id(7), -0.1 * 7, 0x80000000, 1_700_000_000_007, 1_700_000_000_500]);
    expect(latest.map((tuple) => tuple[0])).toEqual(rows.map((row) => row.channel_id));
  });
});
