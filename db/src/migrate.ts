import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database, Queryable } from './database';
import { DbError, messageOf } from './errors';
import { type Logger, silentLogger } from './logger';

const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations', import.meta.url));
/** NNNN_name.sql, or a pair NNNN_name.timescaledb.sql + NNNN_name.plain.sql for the two kinds of server. */
const FILE_PATTERN = /^(\d{4})_([a-z0-9_]+)(?:\.(timescaledb|plain))?\.sql$/;

type Variant = 'any' | 'timescaledb' | 'plain';

export interface MigrationFile {
  file: string;
  sql: string;
  checksum: string;
}

export interface Migration {
  version: number;
  name: string;
  /** One file for every server, or one for TimescaleDB and one for plain PostgreSQL. */
  files: Partial<Record<Variant, MigrationFile>>;
}

export interface MigrationReport {
  applied: number[];
  current: number;
  timescaledb: boolean;
}

export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  const byVersion = new Map<number, Migration>();
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.sql'))) {
    const match = FILE_PATTERN.exec(file);
    if (!match?.[1] || !match[2]) {
      throw new Error(
        `${join(dir, file)}: migration files are named NNNN_name.sql (or NNNN_name.timescaledb.sql + NNNN_name.plain.sql), e.g. 0003_alarms.sql`,
      );
    }
    const version = Number(match[1]);
    const variant = (match[3] ?? 'any') as Variant;
    const sql = readFileSync(join(dir, file), 'utf8');
    const migration = byVersion.get(version) ?? { version, name: match[2], files: {} };
    migration.files[variant] = { file, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    byVersion.set(version, migration);
  }
  for (const migration of byVersion.values()) {
    const { any, timescaledb, plain } = migration.files;
    if (any ? timescaledb || plain : !(timescaledb && plain)) {
      throw new Error(
        `${dir}: migration ${migration.version} needs either one file for every server or both a .timescaledb.sql and a .plain.sql variant`,
      );
    }
  }
  return [...byVersion.values()].sort((a, b) => a.version - b.version);
}

async function hasTimescaleDb(db: Queryable): Promise<boolean> {
  const { rows } = await db.query<{ present: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb') AS present`,
  );
  return rows[0]?.present === true;
}

/**
 * Whether every known migration is recorded, unedited, and none newer: read without a lock or DDL. Anything
 * else (a new database, a missing, edited or newer migration) takes the full path, which says what is wrong.
 */
async function isUpToDate(db: Queryable, migrations: readonly Migration[]): Promise<boolean> {
  const { rows: exists } = await db.query<{ present: boolean }>(
    `SELECT to_regclass('schema_migrations') IS NOT NULL AS present`,
  );
  if (exists[0]?.present !== true) return false;
  const { rows } = await db.query<{ version: number; checksum: string }>(
    'SELECT version, checksum FROM schema_migrations',
  );
  const known = new Map(migrations.map((m) => [m.version, Object.values(m.files).map((f) => f.checksum)]));
  return (
    rows.length === migrations.length &&
    rows.every((row) => known.get(row.version)?.includes(row.checksum) === true)
  );
}

/**
 * Brings the schema up to date. Safe to run twice and from several processes at once (an advisory
 * lock serialises them); refuses a database that a newer release has already migrated.
 */
export async function migrate(
  db: Database,
  options: { logger?: Logger; migrations?: Migration[] } = {},
): Promise<MigrationReport> {
  const logger = options.logger ?? silentLogger;
  const migrations = options.migrations ?? loadMigrations();
  const latestKnown = migrations.at(-1)?.version ?? 0;
  // The web server and the gateways call this at boot under roles that may not create tables (see
  // docker-compose.yml): on a database the owner has brought up to date they must run no DDL at all.
  if (await isUpToDate(db, migrations)) {
    return { applied: [], current: latestKnown, timescaledb: await hasTimescaleDb(db) };
  }
  await db.exec(`
    CREATE TABLE IF NOT EXISTS schema_migrations (
      version     integer PRIMARY KEY,
      name        text NOT NULL,
      checksum    text NOT NULL,
      applied_at  timestamptz NOT NULL DEFAULT now()
    )`);
  const applied: number[] = [];
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(7326110)');
    const { rows } = await tx.query<{ version: number; checksum: string }>(
      'SELECT version, checksum FROM schema_migrations ORDER BY version',
    );
    const done = new Map(rows.map((row) => [row.version, row.checksum]));
    const newest = rows.at(-1)?.version ?? 0;
    if (newest > latestKnown) {
      throw new DbError(
        'CITY_DB_SCHEMA_TOO_NEW',
        `the database is at schema version ${newest}, but this release knows migrations up to ${latestKnown}. ` +
          'A newer release has migrated it: upgrade this component, or point it at another database.',
      );
    }
    for (const migration of migrations) {
      // Decided per migration: an earlier one may just have created the extension.
      const chosen =
        migration.files.any ?? migration.files[(await hasTimescaleDb(tx)) ? 'timescaledb' : 'plain'];
      if (!chosen) continue;
      const recorded = done.get(migration.version);
      if (recorded !== undefined) {
        if (recorded !== chosen.checksum) {
          logger.warn(
            { file: chosen.file },
            'CITY_DB_MIGRATION_CHANGED: an applied migration file was edited; add a new migration instead',
          );
        }
        continue;
      }
      try {
        await tx.exec(chosen.sql);
      } catch (error) {
        throw new DbError(
          'CITY_DB_MIGRATION_FAILED',
          `migrations/${chosen.file} failed: ${messageOf(error)}`,
          {
            cause: error,
          },
        );
      }
      await tx.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        chosen.checksum,
      ]);
      applied.push(migration.version);
      logger.info({ migration: chosen.file }, 'migration applied');
    }
  });
  return { applied, current: latestKnown, timescaledb: await hasTimescaleDb(db) };
}
