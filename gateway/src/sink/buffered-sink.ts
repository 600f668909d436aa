import { type Database, insertReadings, messageOf } from '@city/db';
import { Backoff } from '@city/db/backoff';
import type { Reading } from '@city/domain';
import type { Logger } from 'pino';
import type { BufferedReading, ReadingBuffer } from '../buffer/reading-buffer';

export interface SinkOptions {
  /** Readings per database batch. */
  maxBatchRows: number;
  /** How long readings gather in memory before one write to the buffer: fewer, larger writes spare an SD card. */
  lingerMs: number;
}

export interface SinkStats {
  /** Readings not yet acknowledged by the database (in the buffer or about to be). */
  pending: number;
  written: number;
  duplicates: number;
  quarantined: number;
  /** Dropped for the buffer's limits, across restarts. */
  dropped: number;
  failedWrites: number;
  oldestPendingMs: number | null;
  /** The last database write's round trip. */
  lastWriteMs: number | null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)).unref());

/**
 * After a failed write: 250 ms, doubling to 10 s. With jittered delays the cap is also how long a
 * link that came back may wait unused; 10 s matches the connect backoff from boot, and a refused
 * try every 10 s costs a Pi nothing.
 */
const RETRY = { initialMs: 250, maxMs: 10_000 };

/**
 * Store and forward: readings go to the durable buffer first, and leave it only once the database
 * has acknowledged the commit that holds them; delivery is at least once, and the idempotent ingest
 * path makes it exactly once. While a backlog drains (after an outage), batches alternate between
 * the oldest readings, in order, and the newest, so the screens stay live during the backfill.
 * Without a database yet (a gateway that booted before its link was up) it only buffers, and starts
 * forwarding once one is attached.
 */
export class BufferedSink {
  private staged: Reading[] = [];
  private stageTimer: NodeJS.Timeout | undefined;
  private forwardTimer: NodeJS.Timeout | undefined;
  private forwarding: Promise<void> | undefined;
  private retryDelayMs = 0;
  private readonly retry = new Backoff(RETRY);
  private turn = 0;
  private stopped = false;
  private readonly stats = {
    written: 0,
    duplicates: 0,
    quarantined: 0,
    failedWrites: 0,
    lastWriteMs: null as number | null,
  };

  constructor(
    private db: Database | undefined,
    private readonly buffer: ReadingBuffer,
    private readonly options: SinkOptions,
    private readonly logger: Logger,
    /** Told how long each acknowledged database write took, in seconds. */
    private readonly onWrite: (seconds: number) => void = () => {},
    /** Told of each write the database did not acknowledge. */
    private readonly onWriteFailed: (error: unknown) => void = () => {},
  ) {
    if (db) this.startForwarding();
  }

  /** The database to forward to, once there is one; what waits in the buffer goes first. */
  attach(db: Database): void {
    if (this.db) return;
    this.db = db;
    this.startForwarding();
  }

  private startForwarding(): void {
    // What an earlier run, or this one while offline, left unsent goes out first.
    if (this.buffer.depth() > 0) {
      this.logger.info({ buffered: this.buffer.depth() }, 'buffered readings waiting; sending them');
      this.scheduleForward(0);
    }
  }

  push(readings: readonly Reading[]): void {
    if (this.stopped) return;
    this.staged.push(...readings);
    if (this.staged.length >= this.options.maxBatchRows) this.persist();
    else this.stageTimer ??= setTimeout(() => this.persist(), this.options.lingerMs);
  }

  snapshot(): SinkStats {
    const oldestBuffered = this.buffer.oldestTimeMs();
    const oldestStaged = this.staged[0]?.sourceTime.getTime();
    const oldest = Math.min(
      oldestBuffered ?? Number.POSITIVE_INFINITY,
      oldestStaged ?? Number.POSITIVE_INFINITY,
    );
    return {
      ...this.stats,
      pending: this.buffer.depth() + this.staged.length,
      dropped: this.buffer.dropped(),
      oldestPendingMs: Number.isFinite(oldest) ? Date.now() - oldest : null,
    };
  }

  /** On shutdown: buffers what is staged and sends what it can before the deadline; the rest waits on disk. */
  async drain(deadlineMs = 5_000): Promise<void> {
    this.persist();
    this.stopped = true;
    clearTimeout(this.forwardTimer);
    const until = Date.now() + deadlineMs;
    while (this.db && this.buffer.depth() > 0 && Date.now() < until) {
      // A write stuck on a dead link must not hold up the stop: what it carries stays in the buffer.
      await Promise.race([this.forward(), sleep(until - Date.now())]);
      if (this.buffer.depth() > 0) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    if (this.buffer.depth() > 0) {
      this.logger.warn(
        { buffered: this.buffer.depth() },
        'stopping with readings unsent; they wait in the buffer',
      );
    }
  }

  private persist(): void {
    clearTimeout(this.stageTimer);
    this.stageTimer = undefined;
    if (this.staged.length === 0) return;
    const readings = this.staged;
    this.staged = [];
    try {
      const dropped = this.buffer.append(readings);
      if (dropped > 0) this.logger.error({ dropped }, 'buffer full: oldest readings dropped');
    } catch (error) {
      // A failing disk must not stop the polling; the readings stay staged and are tried again.
      this.staged = [...readings, ...this.staged];
      this.logger.error(
        { err: error instanceof Error ? error.message : String(error) },
        'buffer write failed',
      );
      this.stageTimer = setTimeout(() => this.persist(), 1_000);
      return;
    }
    this.scheduleForward(0);
  }

  private scheduleForward(delayMs: number): void {
    if (this.stopped || this.forwardTimer || !this.db) return;
    this.forwardTimer = setTimeout(
      () => {
        this.forwardTimer = undefined;
        void this.forward();
      },
      Math.max(delayMs, this.retryDelayMs),
    );
  }

  private forward(): Promise<void> {
    // Nothing may escape a forward started from a timer: an unheard rejection would end the process.
    this.forwarding ??= this.sendBatches()
      .catch((error: unknown) => this.logger.error({ err: messageOf(error) }, 'forwarding failed'))
      .finally(() => {
        this.forwarding = undefined;
      });
    return this.forwarding;
  }

  private nextBatch(): BufferedReading[] {
    const { maxBatchRows } = this.options;
    this.turn += 1;
    const backlog = this.buffer.depth() > maxBatchRows;
    return backlog && this.turn % 2 === 0
      ? this.buffer.newest(maxBatchRows)
      : this.buffer.oldest(maxBatchRows);
  }

  private async sendBatches(): Promise<void> {
    const { db } = this;
    while (db && this.buffer.depth() > 0) {
      const batch = this.nextBatch();
      const started = performance.now();
      try {
        const report = await insertReadings(
          db,
          batch.map((entry) => entry.reading),
        );
        this.buffer.acknowledge(batch.map((entry) => entry.seq));
        this.stats.lastWriteMs = performance.now() - started;
        this.onWrite(this.stats.lastWriteMs / 1000);
        this.stats.written += report.inserted;
        this.stats.duplicates += report.duplicates;
        this.stats.quarantined += report.quarantined;
        if (report.quarantined > 0) {
          this.logger.warn(
            { reasons: report.quarantineReasons },
            'readings refused by the database, kept in quarantine',
          );
        }
        if (report.refused > 0) {
          // Only a config that names another gateway's channels gets here: they are not this role's to write.
          this.logger.error(
            { code: 'GW_FOREIGN_CHANNELS', refused: report.refused },
            "readings of channels another gateway feeds were refused by the database and dropped: fix the config's channels",
          );
        }
        if (this.retryDelayMs > 0)
          this.logger.info({ buffered: this.buffer.depth() }, 'database writes resumed');
        this.retryDelayMs = 0;
        this.retry.reset();
      } catch (error) {
        this.stats.failedWrites += 1;
        this.onWriteFailed(error);
        this.retryDelayMs = this.retry.next();
        this.logger.warn(
          {
            err: error instanceof Error ? error.message : String(error),
            buffered: this.buffer.depth(),
            retryInMs: this.retryDelayMs,
          },
          'database write failed; readings stay buffered',
        );
        this.scheduleForward(this.retryDelayMs);
        return;
      }
    }
  }
}
