import type { Database } from '../../database';

/** How long newest values wait to be written together; the realtime side has them from NOTIFY at once. */
export const LATEST_WRITE_BEHIND_MS = 1_000;

/** The newest stored value of one channel, as latest_readings holds it. */
export interface NewestValue {
  timeMs: number;
  value: number | null;
  /** As stored: the StatusCode's 32 bits in a signed int4. */
  storedStatus: number;
  serverTimeMs: number;
}

interface Held extends NewestValue {
  /** Not written yet (or its write failed). */
  dirty: boolean;
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

// A gateway's own role holds no privilege on latest_readings: the database writes its channels' values.
const GATEWAY_WRITE_SQL =
  'SELECT keep_gateway_latest($1::int4[], $2::float8[], $3::float8[], $4::int4[], $5::float8[])';

/** Who writes latest_readings: a role that may (the owner, the embedded database), or a gateway's own. */
export type LatestWriterRole = 'owner' | 'gateway';

/**
 * Keeps latest_readings up to date behind the ingest path. Every batch updates the newest row of each
 * of its channels; written with the batch, those updates cost as much as storing the readings.
 * Collected here for a moment, a busy city's batches share one write, and a channel reported ten
 * times meanwhile is written once. Pending values are written before latestValues() reads and
 * before the database closes; a write that fails is kept and tried again.
 *
 * One record per channel is kept for good and updated in place. A record per batch and channel,
 * held until the next write, outlived the young generation: at 10,000 values a second that was
 * about 1.6 MB a second promoted to the old one, garbage there a second later (gateway-opcua).
 */
class LatestWriter {
  private readonly held = new Map<number, Held>();
  /** Channels whose held value is not written yet, in the order they changed. */
  private dirty: number[] = [];
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> | undefined;

  constructor(
    private readonly db: Database,
    private readonly writeSql: string,
  ) {
    db.beforeClose(() => this.flush());
  }

  note(channel: number, newest: Readonly<NewestValue>): void {
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
    if (this.dirty.length === 0) return;
    const channels = this.dirty;
    this.dirty = [];
    const columns = {
      time: [] as number[],
      value: [] as (number | null)[],
      status: [] as number[],
      server: [] as number[],
    };
    for (const channel of channels) {
      const held = this.held.get(channel) as Held;
      held.dirty = false;
      columns.time.push(held.timeMs);
      columns.value.push(held.value);
      columns.status.push(held.storedStatus);
      columns.server.push(held.serverTimeMs);
    }
    this.writing = this.db
      .query(this.writeSql, [channels, columns.time, columns.value, columns.status, columns.server])
      .then(
        () => undefined,
        (error: unknown) => {
          // Written again with the next flush: what is held now is as new as what failed, or newer.
          for (const channel of channels) this.markDirty(this.held.get(channel) as Held, channel);
          throw error;
        },
      )
      .finally(() => {
        this.writing = undefined;
      });
    await this.writing;
  }

  /** An older value never replaces a newer one (a backfill arriving after live values). */
  private keep(channel: number, newest: Readonly<NewestValue>): void {
    const held = this.held.get(channel);
    if (!held) {
      this.held.set(channel, { ...newest, dirty: true });
      this.dirty.push(channel);
      return;
    }
    if (held.timeMs > newest.timeMs) return;
    held.timeMs = newest.timeMs;
    held.value = newest.value;
    held.storedStatus = newest.storedStatus;
    held.serverTimeMs = newest.serverTimeMs;
    this.markDirty(held, channel);
  }

  private markDirty(held: Held, channel: number): void {
    if (held.dirty) return;
    held.dirty = true;
    this.dirty.push(channel);
  }

  private retryLater(): void {
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.flush().catch(() => this.retryLater());
    }, LATEST_WRITE_BEHIND_MS * 4);
    this.timer.unref();
  }
}

const perDatabase = new WeakMap<Database, LatestWriter>();

export function latestWriter(db: Database, role: LatestWriterRole = 'owner'): LatestWriter {
  let writer = perDatabase.get(db);
  if (!writer) {
    writer = new LatestWriter(db, role === 'gateway' ? GATEWAY_WRITE_SQL : WRITE_SQL);
    perDatabase.set(db, writer);
  }
  return writer;
}

/** Writes what is pending for this database, if anything; a no-op for a transaction's handle. */
export async function flushLatest(db: object): Promise<void> {
  await perDatabase.get(db as Database)?.flush();
}
