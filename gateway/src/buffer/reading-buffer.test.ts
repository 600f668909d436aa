import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Reading } from '@city/domain';
import { afterEach, describe, expect, it } from 'vitest';
import { type BufferOptions, ReadingBuffer } from './reading-buffer';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function fileOptions(overrides: Partial<BufferOptions> = {}): BufferOptions {
  const dir = mkdtempSync(join(tmpdir(), 'city-buffer-'));
  dirs.push(dir);
  return {
    path: join(dir, 'nested', 'buffer.sqlite'),
    maxRows: 10_000,
    maxAgeMs: 3_600_000,
    synchronous: 'full',
    ...overrides,
  };
}

const reading = (i: number, value: number | null = i): Reading => ({
  channelId: `aq-buffer/m${i % 3}`,
  value,
  statusCode: i % 2 ? 0x80000000 : 0,
  sourceTime: new Date(Date.UTC(2026, 0, 1, 0, 0, i)),
});

describe('the durable reading buffer', () => {
  it('removes exactly the acknowledged readings, in runs or scattered', () => {
    const buffer = new ReadingBuffer(fileOptions());
    buffer.append(Array.from({ length: 10 }, (_, i) => reading(i)));
    const seqs = buffer.oldest(10).map((entry) => entry.seq);
    buffer.acknowledge([seqs[7], seqs[0], seqs[1], seqs[4], seqs[8]].map(Number));
    expect(buffer.depth()).toBe(5);
    expect(buffer.oldest(10).map((entry) => entry.reading.value)).toEqual([2, 3, 5, 6, 9]);
    buffer.close();
  });

  it('keeps what was appended across a close and reopen, exactly as it was', () => {
    const options = fileOptions();
    const first = new ReadingBuffer(options);
    first.append([
      reading(1),
      reading(2, null),
      reading(3, Number.NaN),
      reading(4, Number.NEGATIVE_INFINITY),
    ]);
    first.close();
    const reopened = new ReadingBuffer(options);
    expect(reopened.depth()).toBe(4);
    expect(reopened.oldest(10).map((entry) => entry.reading)).toEqual([
      reading(1),
      reading(2, null),
      reading(3, Number.NaN),
      reading(4, Number.NEGATIVE_INFINITY),
    ]);
    reopened.close();
  });

  it('hands out the oldest and the newest in order, and forgets only what is acknowledged', () => {
    const buffer = new ReadingBuffer(fileOptions());
    buffer.append(Array.from({ length: 10 }, (_, i) => reading(i)));
    const oldest = buffer.oldest(3);
    const newest = buffer.newest(2);
    expect(oldest.map((entry) => entry.reading.value)).toEqual([0, 1, 2]);
    expect(newest.map((entry) => entry.reading.value)).toEqual([8, 9]);
    buffer.acknowledge([...oldest, ...newest].map((entry) => entry.seq));
    expect(buffer.depth()).toBe(5);
    expect(buffer.oldest(10).map((entry) => entry.reading.value)).toEqual([3, 4, 5, 6, 7]);
    expect(buffer.appendedEver()).toBe(10);
    buffer.close();
  });

  it('drops the oldest beyond its row limit and whatever waited too long, and counts them across restarts', () => {
    const options = fileOptions({ maxRows: 1_000 });
    const buffer = new ReadingBuffer(options);
    expect(buffer.append(Array.from({ length: 1_200 }, (_, i) => reading(i)))).toBe(200);
    expect(buffer.depth()).toBe(1_000);
    expect(buffer.oldest(1)[0]?.reading.value).toBe(200);
    buffer.close();
    const aged = new ReadingBuffer({ ...options, maxAgeMs: 1 });
    const later = Date.now() + 10;
    while (Date.now() < later) {
      // Let the buffered rows age past 1 ms.
    }
    expect(aged.append([reading(5_000)])).toBe(1_000);
    expect(aged.depth()).toBe(1);
    expect(aged.dropped()).toBe(1_200);
    aged.close();
  });
});
