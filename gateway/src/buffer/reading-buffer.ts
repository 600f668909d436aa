import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Reading } from '@city/domain';
import Sqlite from 'better-sqlite3';

/**
 * The gateway's durable store-and-forward buffer: every reading is written here first and removed
 * only after the database acknowledged the commit that holds it. SQLite in WAL mode (the only file
 * that imports better-sqlite3). Bounded by row count and age: beyond either the oldest readings are
 * dropped, counted in the file itself so the count survives restarts.
 */
export interface BufferOptions {
  /** A file path, or ":memory:" for a buffer that survives nothing (tests, in-process stacks). */
  path: string;
  maxRows: number;
  maxAgeMs: number;
  /** FULL survives a power cut; NORMAL survives a process crash and writes less. */
  synchronous: 'full' | 'normal';
}

export interface BufferedReading {
  seq: number;
  reading: Reading;
}

interface Row {
  seq: number;
  channel_id: string;
  time_ms: number;
  value: number | null;
  special: string | null;
  status: number;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS readings (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    channel_id TEXT NOT NULL,
    time_ms    REAL NOT NULL,
    value      REAL,
    -- SQLite stores NaN as NULL; non-finite values are kept as text so quarantine sees what was sent.
    special    TEXT,
    status     INTEGER NOT NULL,
    -- Wall-clock time it was buffered: the age limit counts from here, not from the source time.
    buffered_at REAL NOT NULL
  );
  CREATE INDEX IF NOT EXISTS readings_buffered_at ON readings (buffered_at);
  CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
  INSERT OR IGNORE INTO counters (name, value) VALUES ('dropped', 0);`;

function toReading(row: Row): Reading {
  const value = row.special === null ? row.value : Number(row.special);
  return { channelId: row.channel_id, value, statusCode: row.status, sourceTime: new Date(row.time_ms) };
}

export class ReadingBuffer {
  private readonly db: Sqlite.Database;
  private readonly insert: Sqlite.Statement;
  private readonly oldestRows: Sqlite.Statement<[number], Row>;
  private readonly newestRows: Sqlite.Statement<[number], Row>;
  private readonly deleteSeqRange: Sqlite.Statement<[number, number]>;
  private readonly dropOldest: Sqlite.Statement<[number]>;
  private readonly dropOlderThan: Sqlite.Statement<[number]>;
  private readonly countDropped: Sqlite.Statement<[number]>;
  // Read on every status look (heartbeat, /healthz, /metrics), so prepared once.
  private readonly oldestTime: Sqlite.Statement<[]>;
  private readonly droppedCount: Sqlite.Statement<[]>;
  /** Rows held, kept here so the limits cost no table scan per append. */
  private count: number;

  constructor(private readonly options: BufferOptions) {
    if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
    this.db = new Sqlite(options.path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${options.synchronous.toUpperCase()}`);
    this.db.exec(SCHEMA);
    this.insert = this.db.prepare(
      'INSERT INTO readings (channel_id, time_ms, value, special, status, buffered_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.oldestRows = this.db.prepare('SELECT * FROM readings ORDER BY seq LIMIT ?');
    this.newestRows = this.db.prepare('SELECT * FROM readings ORDER BY seq DESC LIMIT ?');
    this.deleteSeqRange = this.db.prepare('DELETE FROM readings WHERE seq BETWEEN ? AND ?');
    this.dropOldest = this.db.prepare(
      'DELETE FROM readings WHERE seq IN (SELECT seq FROM readings ORDER BY seq LIMIT ?)',
    );
    this.dropOlderThan = this.db.prepare('DELETE FROM readings WHERE buffered_at < ?');
    this.countDropped = this.db.prepare("UPDATE counters SET value = value + ? WHERE name = 'dropped'");
    this.oldestTime = this.db.prepare('SELECT min(time_ms) AS t FROM readings');
    this.droppedCount = this.db.prepare("SELECT value FROM counters WHERE name = 'dropped'");
    this.count = (this.db.prepare('SELECT count(*) AS n FROM readings').get() as { n: number }).n;
  }

  /** Stores readings in one transaction (one disk sync), then enforces the limits; returns how many were dropped. */
  append(readings: readonly Reading[]): number {
    if (readings.length === 0) return 0;
    const now = Date.now();
    return this.db.transaction(() => {
      for (const { channelId, value, statusCode, sourceTime } of readings) {
        const finite = value === null || Number.isFinite(value);
        this.insert.run(
          channelId,
          sourceTime.getTime(),
          finite ? value : null,
          finite ? null : String(value),
          statusCode,
          now,
        );
      }
      this.count += readings.length;
      return this.enforceLimits(now);
    })();
  }

  /** The oldest readings, in the order they were taken: what backfill sends first. */
  oldest(limit: number): BufferedReading[] {
    return this.oldestRows.all(limit).map((row) => ({ seq: row.seq, reading: toReading(row) }));
  }

  /** The newest readings, oldest of them first: what keeps the screens live during a backfill. */
  newest(limit: number): BufferedReading[] {
    return this.newestRows
      .all(limit)
      .reverse()
      .map((row) => ({ seq: row.seq, reading: toReading(row) }));
  }

  /** Removes readings the database has acknowledged. */
  acknowledge(seqs: readonly number[]): void {
    // A batch is mostly one run of consecutive seqs: one range delete per run, not one per reading.
    const sorted = [...seqs].sort((a, b) => a - b);
    this.db.transaction(() => {
      let start = 0;
      for (let i = 1; i <= sorted.length; i++) {
        if (i < sorted.length && sorted[i] === (sorted[i - 1] as number) + 1) continue;
        this.count -= this.deleteSeqRange.run(sorted[start] as number, sorted[i - 1] as number).changes;
        start = i;
      }
    })();
  }

  depth(): number {
    return this.count;
  }

  oldestTimeMs(): number | null {
    return (this.oldestTime.get() as { t: number | null }).t;
  }

  /** Readings ever dropped for the limits, across restarts. */
  dropped(): number {
    return (this.droppedCount.get() as { value: number }).value;
  }

  /** Readings ever appended, across restarts (AUTOINCREMENT never hands out a number twice). */
  appendedEver(): number {
    const row = this.db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'readings'").get() as
      | { seq: number }
      | undefined;
    return row?.seq ?? 0;
  }

  close(): void {
    this.db.close();
  }

  private enforceLimits(now: number): number {
    const overRows = Math.max(0, this.count - this.options.maxRows);
    let dropped = 0;
    if (overRows > 0) dropped += this.dropOldest.run(overRows).changes;
    dropped += this.dropOlderThan.run(now - this.options.maxAgeMs).changes;
    if (dropped > 0) {
      this.count -= dropped;
      this.countDropped.run(dropped);
    }
    return dropped;
  }
}
