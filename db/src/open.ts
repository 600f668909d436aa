import { fileURLToPath } from 'node:url';
import { openPostgresDatabase } from './adapters/postgres';
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
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  const logger = options.logger ?? silentLogger;
  if (options.url) return openPostgresDatabase(options.url, logger);
  if (!options.dataDir) {
    throw new Error('openDatabase needs either url (a PostgreSQL server) or dataDir (the embedded database)');
  }
  // Loaded only when used: a gateway on a server database never loads the WASM Postgres.
  const { openEmbeddedDatabase } = await import('./adapters/embedded');
  return openEmbeddedDatabase(options.dataDir, logger);
}
