import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DbError } from './errors';
import { loadMigrations, migrate } from './migrate';
import { backends, createTestDatabase, type TestDatabase } from './testing';

describe.each(backends)('migrations on %s', (backend) => {
  let target: TestDatabase;
  beforeAll(async () => {
    target = await createTestDatabase(backend, { migrated: false });
  });
  afterAll(() => target?.drop());

  it('applies every migration once, and a second run changes nothing', async () => {
    const first = await migrate(target.db);
    expect(first.applied).toEqual(loadMigrations().map((m) => m.version));
    const second = await migrate(target.db);
    expect(second.applied).toEqual([]);
    const { rows } = await target.db.query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations');
    expect(rows[0]?.n).toBe(loadMigrations().length);
  });

  it('uses TimescaleDB where the extension exists and plain tables where it does not', async () => {
    const report = await migrate(target.db);
    expect(report.timescaledb).toBe(backend === 'embedded');
    const { rows } = await target.db.query<{ hypertable: boolean }>(
      `SELECT EXISTS (
         SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = '_timescaledb_catalog' AND c.relname = 'hypertable') AS hypertable`,
    );
    expect(rows[0]?.hypertable).toBe(backend === 'embedded');
  });

  it('refuses a database that a newer release has migrated, naming both versions', async () => {
    await target.db.query(
      `INSERT INTO schema_migrations (version, name, checksum) VALUES (9999, 'future', 'x')`,
    );
    try {
      const error = await migrate(target.db).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DbError);
      expect((error as DbError).code).toBe('CITY_DB_SCHEMA_TOO_NEW');
      expect((error as DbError).message).toMatch(/schema version 9999.*up to \d+/);
    } finally {
      await target.db.query('DELETE FROM schema_migrations WHERE version = 9999');
    }
  });
});
