import { fileURLToPath } from 'node:url';
import { openPostgresDatabase, type ServerTimeouts } from './adapters/postgres';
import type { Database } from './database';
import { type Logger, silentLogger } from './logger';

/** The embedded database's folder when nothing else is configured: .data/ at the repository root (git-ignored). */
export const DEFAULT_EMBEDDED_DATA_DIR = fileURLToPath(new URL('../../.data/timescaledb', import.meta.url));

export interface OpenDatabaseOptions {
  /** postgres://… of a PostgreSQL or TimescaleDB server. Without it the embedded database is used. */
  url?: string | undefined;
  /** Folder of the embedded database; required when url is absent. */
  dataDir?: string | undefined;
  logger?: Logger | undefined;
  /** For a server: when a connection or a statement is taken for dead (see ServerTimeouts). */
  timeouts?: ServerTimeouts | undefined;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  const logger = options.logger ?? silentLogger;
  if (options.url) return openPostgresDatabase(options.url, logger, options.timeouts);
  if (!options.dataDir) {
    throw new Error('openDatabase needs either url (a PostgreSQL server) or dataDir (the embedded database)');
  }
  // Loaded only when used: a gateway on a server database never loads the WASM Postgres.
  const { openEmbeddedDatabase } = await import('./adapters/embedded');
  return openEmbeddedDatabase(options.dataDir, logger);
}
