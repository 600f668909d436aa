import type { Channel } from '@city/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, createTestDatabase, seedChannels, type TestDatabase } from '../testing';
import { listChannels, upsertChannels } from './assets';

describe.each(backends)("a channel's write range on %s", (backend) => {
  let target: TestDatabase;
  let dim: Channel;
  beforeAll(async () => {
    target = await createTestDatabase(backend);
    const [seeded] = await seedChannels(target.db, 'sl-range', ['dim-level']);
    if (!seeded) throw new Error('no channel seeded');
    dim = seeded;
  }, 60_000);
  afterAll(async () => {
    await target?.drop();
  });

  const stored = async () => (await listChannels(target.db)).find((channel) => channel.id === dim.id);

  it('is stored with the channel, and read back only where there is one', async () => {
    expect(await stored()).not.toHaveProperty('writeRange');
    await upsertChannels(target.db, [{ ...dim, writable: true, writeRange: [0, 100] }]);
    expect(await stored()).toMatchObject({ writable: true, writeRange: [0, 100] });
    // Provisioned again without one (the profile lost it): the channel takes no setpoints any more.
    await upsertChannels(target.db, [{ ...dim, writable: true }]);
    expect(await stored()).not.toHaveProperty('writeRange');
  });

  it('is refused by the database when min lies above max or one end is missing', async () => {
    const set = (min: number | null, max: number | null) =>
      target.db.query('UPDATE channels SET write_min = $2, write_max = $3 WHERE id = $1', [dim.id, min, max]);
    await expect(set(100, 0)).rejects.toThrow(/channels_write_range/);
    await expect(set(0, null)).rejects.toThrow(/channels_write_range/);
    await set(20, 80);
    expect((await stored())?.writeRange).toEqual([20, 80]);
  });
});
