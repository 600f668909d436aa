import { latestValues, upsertAssets, upsertChannels } from '@city/db';
import { backends, createTestDatabase, type TestDatabase } from '@city/db/testing';
import { type Reading, StatusCode } from '@city/domain';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReadingBuffer } from '../buffer/reading-buffer';
import { BufferedSink } from './buffered-sink';

const logger = pino({ level: 'silent' });

function memoryBuffer(maxRows = 100_000): ReadingBuffer {
  return new ReadingBuffer({ path: ':memory:', maxRows, maxAgeMs: 86_400_000, synchronous: 'normal' });
}

function readings(count: number, startMs: number): Reading[] {
  return Array.from({ length: count }, (_, i) => ({
    channelId: 'aq-sink/no2',
    value: i,
    statusCode: StatusCode.Good,
    sourceTime: new Date(startMs + i),
  }));
}

async function storedCount(target: TestDatabase): Promise<number> {
  const { rows } = await target.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM readings r JOIN channels c ON c.num = r.channel WHERE c.id = 'aq-sink/no2'`,
  );
  return rows[0]?.n ?? 0;
}

describe.each(backends)('gateway sink into %s', (backend) => {
  let target: TestDatabase;
  beforeAll(async () => {
    target = await createTestDatabase(backend);
    await upsertAssets(target.db, [
      {
        id: 'aq-sink',
        kind: 'air-quality-station',
        layer: 'air',
        name: 'Sink test',
        geometry: { type: 'Point', coordinates: [4.9, 52.37] },
        district: null,
        properties: {},
      },
    ]);
    await upsertChannels(target.db, [
      {
        id: 'aq-sink/no2',
        assetId: 'aq-sink',
        metric: 'no2',
        name: 'NO₂',
        unit: 'µg/m³',
        displayRange: [0, 200],
        writable: false,
        source: null,
      },
    ]);
  });
  afterAll(() => target?.drop());

  it('cuts batches by size and stores every reading once', async () => {
    const sink = new BufferedSink(target.db, memoryBuffer(), { maxBatchRows: 100, lingerMs: 10 }, logger);
    sink.push(readings(250, Date.now() - 60_000));
    await sink.drain();
    expect(await storedCount(target)).toBe(250);
    expect(sink.snapshot()).toMatchObject({ written: 250, pending: 0, failedWrites: 0, dropped: 0 });
  });

  it('holds readings while the database refuses them, and stores each once when it accepts again', async () => {
    const sink = new BufferedSink(target.db, memoryBuffer(), { maxBatchRows: 100, lingerMs: 10 }, logger);
    const before = await storedCount(target);
    // A real refusal from the database: the table the batch goes to is not there.
    await target.db.exec('ALTER TABLE readings RENAME TO readings_away');
    try {
      sink.push(readings(150, Date.now() - 30_000));
      await expect.poll(() => sink.snapshot().failedWrites, { timeout: 10_000 }).toBeGreaterThan(0);
      expect(sink.snapshot().pending).toBe(150);
    } finally {
      await target.db.exec('ALTER TABLE readings_away RENAME TO readings');
    }
    await expect.poll(() => sink.snapshot().pending, { timeout: 15_000 }).toBe(0);
    expect((await storedCount(target)) - before).toBe(150);
    expect((await latestValues(target.db)).find((v) => v.channelId === 'aq-sink/no2')?.value).toBe(149);
  });

  it('only buffers until it has a database (a gateway booted offline), then sends all of it once', async () => {
    const sink = new BufferedSink(undefined, memoryBuffer(), { maxBatchRows: 100, lingerMs: 10 }, logger);
    const before = await storedCount(target);
    sink.push(readings(120, Date.now() - 90_000));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(sink.snapshot()).toMatchObject({ pending: 120, written: 0, failedWrites: 0 });
    expect(sink.snapshot().oldestPendingMs).toBeGreaterThanOrEqual(90_000);
    sink.attach(target.db);
    await expect.poll(() => sink.snapshot().pending, { timeout: 10_000 }).toBe(0);
    expect((await storedCount(target)) - before).toBe(120);
    await sink.drain();
  });

  it('drops the oldest readings beyond its limit, and counts them', async () => {
    const sink = new BufferedSink(
      target.db,
      memoryBuffer(1_000),
      { maxBatchRows: 5_000, lingerMs: 10_000 },
      logger,
    );
    sink.push(readings(1_200, Date.now() - 20_000));
    await sink.drain(0);
    expect(sink.snapshot()).toMatchObject({ dropped: 200 });
  });
});
