import { type Database, messageOf } from '@city/db';
import { Backoff, type BackoffPolicy } from '@city/db/backoff';
import type { Logger } from 'pino';

export type DatabaseStatus = 'connected' | 'unreachable';

export interface DatabaseState {
  status: DatabaseStatus;
  /** When it became so (epoch ms). */
  since: number;
  /** Why it is unreachable; null while connected. */
  lastError: string | null;
}

/**
 * Whether the database answers, as the gateway last found out: from its connects, its writes and its
 * heartbeat. Logs the change, not every failure, so a gateway offline for days does not fill its log.
 */
export class DatabaseReachability {
  private state: DatabaseState = { status: 'unreachable', since: Date.now(), lastError: 'not connected yet' };

  constructor(private readonly logger: Logger) {}

  current(): DatabaseState {
    return { ...this.state };
  }

  reached(): void {
    if (this.state.status === 'connected') return;
    const offlineMs = Date.now() - this.state.since;
    this.state = { status: 'connected', since: Date.now(), lastError: null };
    this.logger.info({ offlineMs }, 'database reachable');
  }

  failed(error: unknown): void {
    const lastError = messageOf(error);
    if (this.state.status === 'unreachable') {
      this.state.lastError = lastError;
      return;
    }
    this.state = { status: 'unreachable', since: Date.now(), lastError };
    this.logger.warn({ err: lastError }, 'database unreachable; polling goes on into the buffer');
  }
}

/** From boot: 1 s, doubling to 10 s: a link that comes back is used within seconds, and a try costs one connect. */
export const CONNECT_BACKOFF: BackoffPolicy = { initialMs: 1_000, maxMs: 10_000 };

export interface BackgroundConnectOptions {
  open: () => Promise<Database>;
  /** Everything that needs the database (provisioning, forwarding, setpoints); retried until it succeeds. */
  online: (db: Database) => Promise<void>;
  reachability: DatabaseReachability;
  logger: Logger;
  backoff?: BackoffPolicy;
}

/**
 * Opens the database in the background, retrying with backoff until it answers, then brings the
 * gateway online with it. Polling never waits for any of this.
 */
export function connectInBackground(options: BackgroundConnectOptions): {
  /** Stops trying; returns the database if one was opened, for the caller to close. */
  stop(): Promise<Database | undefined>;
} {
  const { reachability, logger } = options;
  const backoff = new Backoff(options.backoff ?? CONNECT_BACKOFF);
  let db: Database | undefined;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let lastMessage: string | undefined;

  const attempt = async (): Promise<void> => {
    try {
      const opened = db ?? (await options.open());
      if (stopped) {
        // Opened while the gateway was stopping: nobody else will close it.
        if (opened !== db) await opened.close().catch(() => {});
        return;
      }
      db = opened;
      reachability.reached();
      await options.online(db);
      if (backoff.failures > 0) logger.info({ attempts: backoff.failures + 1 }, 'online after boot');
    } catch (error) {
      if (stopped) return;
      reachability.failed(error);
      const retryInMs = backoff.next();
      const message = messageOf(error);
      // The first failure and any new reason are worth a warning; the same one again is not.
      const level = message === lastMessage ? 'debug' : 'warn';
      lastMessage = message;
      logger[level]({ err: message, retryInMs, attempt: backoff.failures }, 'database not reachable yet');
      timer = setTimeout(() => void attempt(), retryInMs);
    }
  };
  void attempt();
  return {
    // An attempt in flight over a dead link ends by its own timeouts; shutting down does not wait for it.
    async stop() {
      stopped = true;
      clearTimeout(timer);
      return db;
    },
  };
}
