export { openEmbeddedDataDirs } from './adapters/embedded';
export { redactUrl } from './adapters/postgres';
export type { Backend, Database, Queryable, QueryResult, Unlisten } from './database';
export { DbError, type DbErrorCode } from './errors';
export type { Logger } from './logger';
export { loadMigrations, type Migration, type MigrationReport, migrate } from './migrate';
export { DEFAULT_EMBEDDED_DATA_DIR, type OpenDatabaseOptions, openDatabase } from './open';
export { listAssets, listChannels, upsertAssets, upsertChannels } from './queries/assets';
export { type InsertReport, insertReadings, latestValues, type RejectedReading } from './queries/readings';
