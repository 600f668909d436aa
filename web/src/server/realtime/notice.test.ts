import { ReadingsNoticeSchema, StatusCode } from '@city/domain';
import { describe, expect, it } from 'vitest';
import { isReadingsNotice, parseReadingsNotice } from './notice';

const good = ['aq-vondelpark/no2', 41.5, StatusCode.Good, 1000, 1005];

/** Notices from our writer, from another writer, and from nowhere at all. */
const notices: Record<string, unknown> = {
  'one value': { v: 1, latest: [good] },
  'no values': { v: 1, latest: [] },
  'a value that is missing': { v: 1, latest: [['sl-segment-4/dim', null, StatusCode.Bad, 1000, 1005]] },
  'one part of a batch': { v: 1, batch: { id: 'gw-1-7', part: 2, parts: 3 }, latest: [good] },
  'a key a later writer adds': { v: 1, latest: [good], gateway: 'gw-1' },
  'version 2': { v: 2, latest: [good] },
  'no latest': { v: 1 },
  'latest not a list': { v: 1, latest: good },
  'a tuple too short': { v: 1, latest: [good.slice(0, 4)] },
  'a tuple too long': { v: 1, latest: [[...good, 'extra']] },
  'a channel id that is a number': { v: 1, latest: [[7, 41.5, 0, 1000, 1005]] },
  'a value that is text': { v: 1, latest: [['aq/no2', '41.5', 0, 1000, 1005]] },
  'a time that is missing': { v: 1, latest: [['aq/no2', 41.5, 0, null, 1005]] },
  'part 0 of a batch': { v: 1, batch: { id: 'b', part: 0, parts: 3 }, latest: [good] },
  'half a part': { v: 1, batch: { id: 'b', part: 1.5, parts: 3 }, latest: [good] },
  'a batch without id': { v: 1, batch: { part: 1, parts: 3 }, latest: [good] },
  'a batch that is text': { v: 1, batch: 'gw-1-7', latest: [good] },
  'a list instead of a notice': [good],
  'a number': 42,
  null: null,
};

describe('a readings notice', () => {
  it.each(Object.entries(notices))('is judged as the schema judges it: %s', (_, json) => {
    const payload = JSON.stringify(json);
    const schema = ReadingsNoticeSchema.safeParse(json);
    expect(isReadingsNotice(json)).toBe(schema.success);
    const parsed = parseReadingsNotice(payload);
    expect(parsed.ok).toBe(schema.success);
    if (parsed.ok && schema.success) {
      expect(parsed.batch).toEqual(schema.data.batch);
      expect(
        parsed.values.map((v) => [v.channelId, v.value, v.statusCode, v.sourceTime, v.serverTime]),
      ).toEqual(schema.data.latest);
    }
  });

  it('says what is wrong with one it refuses, and shows the start of it', () => {
    const parsed = parseReadingsNotice(JSON.stringify(notices['a value that is text']));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(/ReadingsNoticeSchema v1: .*latest.*in \{"v":1/s);
    const notJson = parseReadingsNotice('{"v":1,"latest":[');
    expect(notJson.ok).toBe(false);
    if (!notJson.ok) expect(notJson.error).toMatch(/payload is not JSON/);
  });
});
