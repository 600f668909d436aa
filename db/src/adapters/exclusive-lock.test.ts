import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../database';
import { openDatabase } from '../open';
import { createTestDatabase, type TestDatabase } from '../testing';

/** One holder across processes: two pools on the same server stand in for two web instances. */
describe('an exclusive lock on the PostgreSQL server', () => {
  let target: TestDatabase;
  let other: Database;
  beforeAll(async () => {
    target = await createTestDatabase('postgres');
    other = await openDatabase({ url: target.url });
  });
  afterAll(async () => {
    await other?.close();
    await target?.drop();
  });

  it('has one holder; the next one gets it once it is released, or once its holder is gone', async () => {
    const lostBy: string[] = [];
    const first = await target.db.tryExclusiveLock(4242, () => lostBy.push('first'));
    expect(first).not.toBeNull();
    expect(await other.tryExclusiveLock(4242, () => {})).toBeNull();
    await first?.release();
    const second = await other.tryExclusiveLock(4242, () => lostBy.push('second'));
    expect(second).not.toBeNull();
    // The holder's connection dies (a crashed instance): the lock is free, and the holder is told.
    await target.db.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE application_name = 'city-operations-lock' AND datname = current_database()`,
    );
    await expect.poll(() => lostBy, { timeout: 5_000 }).toEqual(['second']);
    const third = await target.db.tryExclusiveLock(4242, () => {});
    expect(third).not.toBeNull();
    await third?.release();
  });
});

describe('an exclusive lock on the embedded database', () => {
  it('is always held by its one process', async () => {
    const embedded = await createTestDatabase('embedded');
    try {
      expect(await embedded.db.tryExclusiveLock(1, () => {})).not.toBeNull();
    } finally {
      await embedded.drop();
    }
  });
});
