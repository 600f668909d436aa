import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from './database';
import { MaintenanceRunner } from './maintenance';
import { loadMigrations, migrate } from './migrate';
import { readHistory } from './queries/history';
import { insertReadings } from './queries/ingest';
import { backends, createTestDatabase, type TestDatabase } from './testing';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const CHANNEL = 'aq-upgrade/no2';
const lastHour = Math.floor(Date.now() / HOUR) * HOUR;

interface HourRow {
  bucket: Date;
  count: number;
  sum: number;
}

const HOURS_SQL = `SELECT bucket, count::int AS count, sum FROM readings_1h ORDER BY bucket`;

/** The channel as that release stored it: today's upsertChannels writes columns it did not have yet. */
async function seedReleaseNineChannel(db: Database): Promise<void> {
  await db.exec(`INSERT INTO assets (id, kind, layer, name, geometry)
    VALUES ('aq-upgrade', 'air-quality-station', 'air', 'Upgrade', '{"type":"Point","coordinates":[4.9,52.37]}');
    INSERT INTO channels (id, asset_id, metric, name, unit, display_min, display_max)
    VALUES ('${CHANNEL}', 'aq-upgrade', 'no2', 'no2', 'µg/m³', 0, 200);`);
}

// A city that ran the releases before migration 0010 for a while: its raw retention has already
// dropped the oldest days, whose hours only the 1-hour rollup still holds.
describe.each(backends)('upgrading a running city to history from raw data on %s', (backend) => {
  let target: TestDatabase;
  let hoursBefore: HourRow[];
  beforeAll(async () => {
    target = await createTestDatabase(backend, { migrated: false });
    await migrate(target.db, { migrations: loadMigrations().filter((m) => m.version < 10) });
    await seedReleaseNineChannel(target.db);
    const readings = Array.from({ length: 6 * 24 * 6 }, (_, i) => ({
      channelId: CHANNEL,
      value: i % 40,
      statusCode: 0,
      sourceTime: new Date(lastHour - (i + 1) * 600_000),
    }));
    for (let i = 0; i < readings.length; i += 500)
      await insertReadings(target.db, readings.slice(i, i + 500));
    if (backend === 'embedded') {
      await target.db.exec(
        `CALL refresh_continuous_aggregate('readings_1m', NULL, now() - INTERVAL '1 minute')`,
      );
      await target.db.exec(
        `CALL refresh_continuous_aggregate('readings_1h', NULL, now() - INTERVAL '1 hour')`,
      );
      await target.db.query(`SELECT drop_chunks('readings', older_than => $1::timestamptz)`, [
        new Date(lastHour - 3 * DAY),
      ]);
    } else {
      await target.db.query('SELECT city_refresh_rollups()');
      await target.db.query('DELETE FROM readings WHERE time < $1', [new Date(lastHour - 3 * DAY)]);
    }
    hoursBefore = (await target.db.query<HourRow>(HOURS_SQL)).rows;
    await migrate(target.db);
    await new MaintenanceRunner(target.db).run({ force: true });
  });
  afterAll(() => target?.drop());

  it('keeps every hour the old rollup held, including those older than the raw data', async () => {
    expect(hoursBefore).toHaveLength(6 * 24);
    const history = await readHistory(target.db, {
      channelId: CHANNEL,
      from: new Date(lastHour - 6 * DAY),
      to: new Date(lastHour),
      maxPoints: 6 * 24,
    });
    expect(history.source).toBe('1h');
    expect(history.points.map((p) => [p.time, p.count])).toEqual(
      hoursBefore.map((row) => [row.bucket.getTime(), row.count]),
    );
  });

  it('drops the 1-minute rollup and its retention setting', async () => {
    const { rows } = await target.db.query<{ relation: string | null; settings: string[] }>(
      `SELECT to_regclass('readings_1m')::text AS relation,
              (SELECT array_agg(relation ORDER BY relation) FROM retention_settings) AS settings`,
    );
    expect(rows[0]).toEqual({ relation: null, settings: ['readings', 'readings_1h'] });
  });

  it('folds a late reading into its hour after the upgrade', async () => {
    const lateHour = lastHour - 2 * DAY;
    await insertReadings(target.db, [
      { channelId: CHANNEL, value: 999, statusCode: 0, sourceTime: new Date(lateHour + 1_000) },
    ]);
    await new MaintenanceRunner(target.db).run({ force: true });
    const { rows } = await target.db.query<{ max: number; count: number }>(
      'SELECT max, count::int AS count FROM readings_1h WHERE bucket = $1',
      [new Date(lateHour)],
    );
    expect(rows[0]).toEqual({ max: 999, count: 7 });
  });
});
