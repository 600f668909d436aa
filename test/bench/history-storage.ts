/**
 * What the history benchmark's database takes on disk, per reading: the figure an operator sizes a
 * disk by. `databaseBytesPerReading` is the whole database (every table, index and the catalogue)
 * over the readings it holds; `emptyDatabaseBytes` is what the migrated, empty database took.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Database } from '@city/db';
import { round } from './stats';

/** At most this many bytes per reading for the whole database, once past its compression windows. */
export const TARGET_BYTES_PER_READING = 20;

export interface Seeded {
  startMs: number;
  endMs: number;
  rows: number;
}

async function directorySize(path: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(path, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return total;
}

export async function databaseBytes(db: Database): Promise<number> {
  const { rows } = await db.query<{ bytes: string }>('SELECT pg_database_size(current_database()) AS bytes');
  return Number(rows[0]?.bytes);
}

function totals(seeded: Seeded, emptyBytes: number, bytes: { database: number; rollup1h: number }) {
  const perReading = bytes.database / seeded.rows;
  return {
    rollup1hBytes: bytes.rollup1h,
    rollup1hBytesPerReading: round(bytes.rollup1h / seeded.rows, 2),
    emptyDatabaseBytes: emptyBytes,
    databaseBytes: bytes.database,
    databaseBytesPerReading: round(perReading, 1),
    targetBytesPerReading: TARGET_BYTES_PER_READING,
    meetsBytesPerReading: perReading <= TARGET_BYTES_PER_READING,
  };
}

interface CompressionStats {
  before: string;
  after: string;
  chunks: string;
  compressed_chunks: string;
  compressed_from: Date | null;
  compressed_until: Date | null;
  hypertable_bytes: string;
  rollup_1h_bytes: string;
  database_bytes: string;
}

/** TimescaleDB: compressed and hot raw chunks, the 1-hour rollup, the whole database and its data dir. */
export async function timescaleStorage(db: Database, seeded: Seeded, emptyBytes: number, dataDir: string) {
  const { rows } = await db.query<CompressionStats>(`
    SELECT s.before_compression_total_bytes AS before, s.after_compression_total_bytes AS after,
           s.total_chunks AS chunks, s.number_compressed_chunks AS compressed_chunks,
           (SELECT min(range_start) FROM timescaledb_information.chunks
             WHERE hypertable_name = 'readings' AND is_compressed) AS compressed_from,
           (SELECT max(range_end) FROM timescaledb_information.chunks
             WHERE hypertable_name = 'readings' AND is_compressed) AS compressed_until,
           hypertable_size('readings') AS hypertable_bytes,
           (SELECT hypertable_size(format('%I.%I', materialization_hypertable_schema,
                                          materialization_hypertable_name)::regclass)
              FROM timescaledb_information.continuous_aggregates WHERE view_name = 'readings_1h') AS rollup_1h_bytes,
           pg_database_size(current_database()) AS database_bytes
      FROM hypertable_compression_stats('readings') s`);
  const stats = rows[0];
  if (!stats?.compressed_from || !stats.compressed_until) throw new Error('no chunk was compressed');
  // Every channel has one reading a minute, so the compressed chunks' span gives their row count.
  const from = Math.max(seeded.startMs, stats.compressed_from.getTime());
  const until = Math.min(seeded.endMs, stats.compressed_until.getTime());
  const compressedRows = (seeded.rows / (seeded.endMs - seeded.startMs)) * (until - from);
  return {
    chunks: Number(stats.chunks),
    compressedChunks: Number(stats.compressed_chunks),
    compressedRows,
    hotDays: round((seeded.endMs - until) / 86_400_000, 2),
    bytesBeforeCompression: Number(stats.before),
    bytesAfterCompression: Number(stats.after),
    compressionRatio: round(Number(stats.before) / Number(stats.after), 1),
    bytesPerReadingBeforeCompression: round(Number(stats.before) / compressedRows, 1),
    bytesPerReadingCompressed: round(Number(stats.after) / compressedRows, 2),
    readingsTableBytes: Number(stats.hypertable_bytes),
    readingsTableBytesPerReading: round(Number(stats.hypertable_bytes) / seeded.rows, 1),
    ...totals(seeded, emptyBytes, {
      database: Number(stats.database_bytes),
      rollup1h: Number(stats.rollup_1h_bytes),
    }),
    // The data dir adds the write-ahead log (up to max_wal_size) to the database.
    dataDirBytes: await directorySize(dataDir),
  };
}

/** Plain PostgreSQL: no compression; the readings table with its indexes, the rollup store, the whole database. */
export async function plainStorage(db: Database, seeded: Seeded, emptyBytes: number) {
  const { rows } = await db.query<{ readings: string; heap: string; rollup: string; database: string }>(`
    SELECT pg_total_relation_size('readings') AS readings, pg_relation_size('readings') AS heap,
           pg_total_relation_size('readings_1h_store') AS rollup,
           pg_database_size(current_database()) AS database`);
  const stats = rows[0];
  if (!stats) throw new Error('no sizes came back');
  return {
    readingsTableBytes: Number(stats.readings),
    readingsTableBytesPerReading: round(Number(stats.readings) / seeded.rows, 1),
    readingsHeapBytesPerReading: round(Number(stats.heap) / seeded.rows, 1),
    ...totals(seeded, emptyBytes, { database: Number(stats.database), rollup1h: Number(stats.rollup) }),
  };
}
