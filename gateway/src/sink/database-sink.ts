import { type Database, insertReadings } from '@city/db';
import type { Reading } from '@city/db/domain';
import type { Logger } from 'pino';

export interface SinkOptions {
  maxBatchRows: number;
  lingerMs: number;
  maxPendingRows: number;
}

export interface SinkStats {
  pending: number;
  written: number;
  duplicates: number;
  quarantined: number;
  dropped: number;
  failedWrites: number;
  oldestPendingMs: number | null;
}

/**
 * Cuts readings into batches by size or time and writes them through the idempotent ingest path.
 * While the database is unreachable readings wait in memory and are retried with backoff, oldest
 * first; a retried batch cannot be stored twice because (channel, time) is unique.
 *
 * Walking-skeleton limit: the pending queue lives in memory, so a power cut loses it. The durable
 * on-disk buffer replaces this queue in the store-and-forward work.
 */
export class DatabaseSink {
  private pending: Reading[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  private retryDelayMs = 0;
  private readonly stats: Omit<SinkStats, 'pending' | 'oldestPendingMs'> = {
    written: 0,
    duplicates: 0,
    quarantined: 0,
    dropped: 0,
    failedWrites: 0,
  };

  constructor(
    private readonly db: Database,
    private readonly options: SinkOptions,
    private readonly logger: Logger,
  ) {}

  push(readings: readonly Reading[]): void {
    this.pending.push(...readings);
    const overflow = this.pending.length - this.options.maxPendingRows;
    if (overflow > 0) {
      this.pending.splice(0, overflow);
      this.stats.dropped += overflow;
      this.logger.error({ dropped: overflow }, 'pending readings over the limit; oldest dropped');
    }
    if (this.pending.length >= this.options.maxBatchRows) this.schedule(0);
    else this.schedule(this.options.lingerMs);
  }

  snapshot(): SinkStats {
    const oldest = this.pending[0];
    return {
      ...this.stats,
      pending: this.pending.length,
      oldestPendingMs: oldest ? Date.now() - oldest.sourceTime.getTime() : null,
    };
  }

  /** Writes everything pending, retrying until done or the deadline passes; used on shutdown. */
  async drain(deadlineMs = 5_000): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const until = Date.now() + deadlineMs;
    while (this.pending.length > 0 && Date.now() < until) {
      await this.flush();
      if (this.pending.length > 0) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    if (this.pending.length > 0) {
      this.logger.error(
        { unsent: this.pending.length },
        'shutdown with readings the database did not accept',
      );
    }
  }

  private schedule(delayMs: number): void {
    if (this.timer && delayMs > 0) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        void this.flush();
      },
      Math.max(delayMs, this.retryDelayMs),
    );
  }

  private flush(): Promise<void> {
    this.flushing ??= this.writeBatches().finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  private async writeBatches(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending.slice(0, this.options.maxBatchRows);
      try {
        const report = await insertReadings(this.db, batch);
        this.pending.splice(0, batch.length);
        this.stats.written += report.inserted;
        this.stats.duplicates += report.duplicates;
        this.stats.quarantined += report.quarantined;
        if (report.quarantined > 0) {
          this.logger.warn(
            { reasons: report.quarantineReasons },
            'readings refused by the database, kept in quarantine',
          );
        }
        if (this.retryDelayMs > 0)
          this.logger.info({ pending: this.pending.length }, 'database writes resumed');
        this.retryDelayMs = 0;
      } catch (error) {
        this.stats.failedWrites += 1;
        this.retryDelayMs = Math.min(30_000, Math.max(250, this.retryDelayMs * 2));
        this.logger.warn(
          {
            err: error instanceof Error ? error.message : String(error),
            pending: this.pending.length,
            retryInMs: this.retryDelayMs,
          },
          'database write failed; will retry',
        );
        this.schedule(this.retryDelayMs);
        return;
      }
    }
  }
}
