import type { Database } from '../../database';

/** How long newest values wait to be written together; the realtime side has them from NOTIFY at once. */
export const LATEST_WRITE_BEHIND_MS = 1_000;

interface Newest {
  timeMs: number;
  value: number | null;
  /** As stored: the StatusCode's 32 bits in a signed int4. */
  storedStatus: number;
  serverTimeMs: number;
}

// Channels deleted meanwhile are skipped by the join; an older value never replaces a newer one.
const WRITE_SQL = `
  INSERT INTO latest_readings AS l (channel, time, value, status_code, server_time)
  SELECT n.channel, to_timestamp(n.time_ms / 1000.0), n.value, n.status_code, to_timestamp(n.server_ms / 1000.0)
    FROM unnest($1::int4[], $2::float8[], $3::float8[], $4::int4[], $5::float8[])
           AS n(channel, time_ms, value, status_code, server_ms)
    JOIN channels c ON c.num = n.channel
  ON CONFLICT (channel) DO UPDATE SET
    time = excluded.time, value = excluded.value,
    status_code = excluded.status_code, server_time = excluded.server_time
  WHERE l.time <= excluded.time`;

/**
 * Keeps latest_readings up to date behind the ingest path. Every batch updates the newest row of each
 * of its channels; written with the batch, those updates cost as much as storing the readings.
 * Collected here for a moment, a busy city's batches share one write, and a channel reported ten
 * times meanwhile is written once. Pending values are written before latestValues() reads and
 * before the database closes; a write that fails is kept and tried again.
 */
class LatestWriter {
  private pending = new Map<number, Newest>();
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> | undefined;

  constructor(private readonly db: Database) {
    db.beforeClose(() => this.flush());
  }

  note(channel: number, newest: Newest): void {
    this.keep(channel, newest);
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      // A failed write is kept for the next attempt; nothing here may throw into the timer.
      this.flush().catch(() => this.retryLater());
    }, LATEST_WRITE_BEHIND_MS);
    this.timer.unref();
  }

  async flush(): Promise<void> {
    while (this.writing) await this.writing;
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    this.writing = this.write(batch)
      .catch((error: unknown) => {
        for (const [channel, newest] of batch) this.keep(channel, newest);
        throw error;
      })
      .finally(() => {
        this.writing = undefined;
      });
    await this.writing;
  }

  private keep(channel: number, newest: Newest): void {
    const held = this.pending.get(channel);
    if (!held || held.timeMs <= newest.timeMs) this.pending.set(channel, newest);
  }

  private retryLater(): void {
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.flush().catch(() => this.retryLater());
    }, LATEST_WRITE_BEHIND_MS * 4);
    this.timer.unref();
  }

  private async write(batch: ReadonlyMap<number, Newest>): Promise<void> {
    const entries = [...batch];
    await this.db.query(WRITE_SQL, [
      entries.map(([channel]) => channel),
      entries.map(([, n]) => n.timeMs),
      entries.map(([, n]) => n.value),
      entries.map(([, n]) => n.storedStatus),
      entries.map(([, n]) => n.serverTimeMs),
    ]);
  }
}

const perDatabase = new WeakMap<Database, LatestWriter>();

export function latestWriter(db: Database): LatestWriter {
  let writer = perDatabase.get(db);
  if (!writer) {
    writer = new LatestWriter(db);
    perDatabase.set(db, writer);
  }
  return writer;
}

/** Writes what is pending for this database, if anything; a no-op for a transaction's handle. */
export async function flushLatest(db: object): Promise<void> {
  await perDatabase.get(db as Database)?.flush();
}
