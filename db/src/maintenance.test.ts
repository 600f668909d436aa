import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MaintenanceRunner } from './maintenance';
import { insertReadings } from './queries/ingest';
import { readRetention, setRetention } from './queries/retention';
import { backends, createTestDatabase, seedChannels, type TestDatabase } from './testing';

const DAY = 86_400_000;

async function count(target: TestDatabase, relation: 'readings' | 'readings_1h'): Promise<number> {
  const { rows } = await target.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${relation}`);
  return rows[0]?.n ?? 0;
}

describe.each(backends)('maintenance on %s', (backend) => {
  let target: TestDatabase;
  let runner: MaintenanceRunner;
  beforeAll(async () => {
    target = await createTestDatabase(backend);
    runner = new MaintenanceRunner(target.db);
    await seedChannels(target.db, 'aq-upkeep', ['no2']);
    // Two readings a day for 12 days, so there are chunks past the compression age.
    const readings = Array.from({ length: 24 }, (_, i) => ({
      channelId: 'aq-upkeep/no2',
      value: i,
      statusCode: 0,
      sourceTime: new Date(Date.now() - (i + 1) * DAY * 0.5),
    }));
    await insertReadings(target.db, readings);
  });
  afterAll(() => target?.drop());

  it('runs the policies itself where nothing else would', async () => {
    const report = await runner.run({ force: true });
    expect(report.mode).toBe(backend === 'embedded' ? 'timescaledb-jobs' : 'plain');
    if (backend === 'embedded') {
      expect(report.ran).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/Refresh Continuous Aggregate/),
          expect.stringMatching(/Columnstore|Compression/),
          expect.stringMatching(/Retention/),
        ]),
      );
      const { rows } = await target.db.query<{ compressed: number }>(
        `SELECT count(*)::int AS compressed FROM timescaledb_information.chunks
          WHERE hypertable_name = 'readings' AND is_compressed`,
      );
      expect(rows[0]?.compressed).toBeGreaterThan(0);
    } else {
      expect(report.ran).toEqual(['rollups', 'retention']);
    }
    expect(await count(target, 'readings_1h')).toBe(24);
  });

  it('runs a job again only when its schedule says so', async () => {
    await runner.run({ force: true });
    const again = await runner.run();
    if (backend === 'embedded')
      expect(again.ran.every((name) => /1 minute|\[100[0-9]\]/.test(name))).toBe(true);
    expect(again.ran).not.toContain('retention');
  });

  it('keeps data as long as the retention settings say, and the settings can change', async () => {
    expect(await readRetention(target.db)).toEqual({ rawDays: 90, hourDays: null });
    await setRetention(target.db, { rawDays: 3, hourDays: 400 });
    expect(await readRetention(target.db)).toEqual({ rawDays: 3, hourDays: 400 });
    await runner.run({ force: true });
    const { rows } = await target.db.query<{ oldest: Date }>('SELECT min(time) AS oldest FROM readings');
    // TimescaleDB drops whole 1-day chunks, so up to a day more than the setting may stay.
    expect(Date.now() - (rows[0]?.oldest.getTime() ?? 0)).toBeLessThan(4 * DAY + 60_000);
    expect(await count(target, 'readings_1h')).toBe(24);
    await expect(setRetention(target.db, { rawDays: -1 })).rejects.toThrow(
      /rawDays: expected a number of days above 0/,
    );
  });
});

describe('storage on the embedded TimescaleDB', () => {
  let target: TestDatabase;
  beforeAll(async () => {
    target = await createTestDatabase('embedded');
    await seedChannels(target.db, 'aq-archive', ['no2']);
    // Every 20 minutes for the 70 days before the last whole hour: hours well past the 1-hour
    // rollup's 60-day compression age.
    const lastHour = Math.floor(Date.now() / 3_600_000) * 3_600_000;
    const readings = Array.from({ length: 70 * 72 }, (_, i) => ({
      channelId: 'aq-archive/no2',
      value: (i * 7) % 50,
      statusCode: 0,
      sourceTime: new Date(lastHour - (i + 1) * 1_200_000),
    }));
    for (let i = 0; i < readings.length; i += 1_000)
      await insertReadings(target.db, readings.slice(i, i + 1_000));
  });
  afterAll(() => target?.drop());

  it('keeps no 1-minute copy of the readings', async () => {
    const { rows } = await target.db.query<{ relation: string | null }>(
      `SELECT to_regclass('readings_1m')::text AS relation`,
    );
    expect(rows[0]?.relation).toBeNull();
  });

  it('compresses raw chunks two hours after they end and old hourly rollups, and they answer as before', async () => {
    const rollup = () =>
      target.db.query<{ n: number; total: number; low: number; high: number }>(
        'SELECT count(*)::int AS n, sum(sum) AS total, min(min) AS low, max(max) AS high FROM readings_1h',
      );
    const runner = new MaintenanceRunner(target.db);
    await runner.run({ force: true });
    const before = (await rollup()).rows[0];
    await runner.run({ force: true });
    const { rows } = await target.db.query<{ hypertable: string; compressed: number }>(
      `SELECT coalesce(a.view_name, c.hypertable_name) AS hypertable, count(*)::int AS compressed
         FROM timescaledb_information.chunks c
         LEFT JOIN timescaledb_information.continuous_aggregates a
           ON a.materialization_hypertable_name = c.hypertable_name
        WHERE c.is_compressed GROUP BY 1 ORDER BY 1`,
    );
    expect(rows.map((row) => row.hypertable)).toEqual(['readings', 'readings_1h']);
    // Every raw chunk that ended more than two hours ago is compressed; only today's (and, just after
    // midnight, yesterday's) stays as rows.
    const { rows: hot } = await target.db.query<{ ends: Date }>(
      `SELECT range_end AS ends FROM timescaledb_information.chunks
        WHERE hypertable_name = 'readings' AND NOT is_compressed`,
    );
    expect(hot.length).toBeGreaterThanOrEqual(1);
    for (const chunk of hot) expect(chunk.ends.getTime()).toBeGreaterThan(Date.now() - 2 * 3_600_000);
    expect(rows.find((row) => row.hypertable === 'readings')?.compressed).toBeGreaterThanOrEqual(69);
    expect((await rollup()).rows[0]).toEqual(before);
    expect(before?.n).toBe(70 * 24);
  });
});

describe('the embedded database left running for days', () => {
  let target: TestDatabase;
  beforeAll(async () => {
    target = await createTestDatabase('embedded');
    await seedChannels(target.db, 'aq-wal', ['no2', 'pm10']);
  });
  afterAll(() => target?.drop());

  const walSegments = async () =>
    (await readdir(join(target.dataDir ?? '', 'pg_wal'))).filter((name) => /^[0-9A-F]{24}$/.test(name))
      .length;
  // About 60 MB of write-ahead log, as the demo writes in ten minutes.
  const writeAWhile = (round: number) =>
    target.db.query(
      `INSERT INTO readings (channel, time, value, status_code)
       SELECT c.num, now() - make_interval(days => $1, secs => g), g % 97, 0
         FROM generate_series(1, 200000) g CROSS JOIN channels c`,
      [round],
    );

  it('reuses its write-ahead log once maintenance has checkpointed, instead of growing it', async () => {
    const runner = new MaintenanceRunner(target.db);
    const segments: number[] = [];
    for (let round = 1; round <= 4; round += 1) {
      await writeAWhile(round);
      await runner.run({ force: true });
      segments.push(await walSegments());
    }
    // Without the checkpoints every round adds its own segments (about 65 of 1 MB); with them the
    // log settles once the first rounds' segments are recycled.
    expect((segments[3] ?? 0) - (segments[1] ?? 0)).toBeLessThan(30);
    // Four rounds of 200,000 rows per channel into the WASM database take a minute or more here.
  }, 240_000);
});
