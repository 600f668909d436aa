import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Backend, Database } from '../database';
import { messageOf } from '../errors';
import { migrate } from '../migrate';
import { openDatabase } from '../open';
import { testDatabaseUrl } from './env';

/** Every database suite runs once per backend: the embedded TimescaleDB and a real PostgreSQL server. */
export const backends: readonly Backend[] = ['embedded', 'postgres'];

export interface TestDatabase {
  db: Database;
  /** For postgres: the URL of the fresh database, so a second process can join it. */
  url: string | undefined;
  dataDir: string | undefined;
  drop(): Promise<void>;
}

/** A fresh, migrated, private database that vanishes on drop(): a temp data dir, or a new database on the server. */
export { DarkableProxy, type DarkMode } from './darkable-proxy';
export { dropTestRole, type GatewayLogin, loginAsGateway } from './gateway-role';
export { seedChannels } from './seed';

export async function createTestDatabase(
  backend: Backend,
  options: { migrated?: boolean } = {},
): Promise<TestDatabase> {
  const created = backend === 'embedded' ? await createEmbedded() : await createOnServer();
  if (options.migrated !== false) await migrate(created.db);
  return created;
}

async function createEmbedded(): Promise<TestDatabase> {
  const dataDir = await mkdtemp(join(tmpdir(), 'city-test-db-'));
  const db = await openDatabase({ dataDir });
  return {
    db,
    url: undefined,
    dataDir,
    async drop() {
      await db.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function createOnServer(): Promise<TestDatabase> {
  const name = `city_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: testDatabaseUrl });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(
      `The database tests need the real PostgreSQL server at ${testDatabaseUrl} (${messageOf(error)}). ` +
        'Start it with "pg_ctlcluster 15 main start" and create the test role as .ci/run does, or set TEST_DATABASE_URL.',
    );
  }
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(testDatabaseUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ url: url.toString() });
  return {
    db,
    url: url.toString(),
    dataDir: undefined,
    async drop() {
      await db.close();
      const cleanup = new pg.Client({ connectionString: testDatabaseUrl });
      await cleanup.connect();
      try {
        await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await cleanup.end();
      }
    },
  };
}
