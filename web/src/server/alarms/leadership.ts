import type { Database, HeldLock } from '@city/db';
import { Backoff } from '@city/db/backoff';
import type { Logger } from 'pino';

/** The advisory lock whose holder evaluates alarms ("ALRM"). */
export const ALARM_LEADER_LOCK = 0x414c524d;

export interface Leadership {
  readonly leading: boolean;
  stop(): Promise<void>;
}

export interface LeadershipOptions {
  db: Database;
  logger: Logger;
  /** Starts the work only the leader does; returns how to stop it. */
  lead: () => Promise<() => Promise<void>>;
  /**
   * How often a follower tries to take over. Default 2 s. While the database fails, the tries back
   * off from this to five times it, so a fleet of instances does not hammer a server that is away.
   */
  retryMs?: number;
  key?: number;
}

/**
 * Exactly one instance leads: the one holding a Postgres advisory lock on a connection of its own.
 * When the leader dies, its connection goes and the lock with it; a follower takes over on its next
 * try. A leader that loses its connection stops leading at once, so two never lead together.
 */
export function startLeadership(options: LeadershipOptions): Leadership {
  const { db, logger } = options;
  const retryMs = options.retryMs ?? 2_000;
  const key = options.key ?? ALARM_LEADER_LOCK;
  let stopped = false;
  let lock: HeldLock | null = null;
  let stopLeading: (() => Promise<void>) | undefined;
  let timer: NodeJS.Timeout | undefined;
  let transition: Promise<void> = Promise.resolve();
  const failing = new Backoff({ initialMs: retryMs, maxMs: retryMs * 5 });
  let lastFailed = false;

  const resign = () =>
    (transition = transition.then(async () => {
      const stopWork = stopLeading;
      stopLeading = undefined;
      lock = null;
      await stopWork?.().catch((error: unknown) =>
        logger.warn({ err: error }, 'leader work did not stop cleanly'),
      );
    }));

  const attempt = () =>
    (transition = transition.then(async () => {
      if (stopped || lock) return;
      lastFailed = false;
      try {
        lock = await db.tryExclusiveLock(key, () => {
          logger.warn('lost alarm leadership');
          void resign().then(schedule);
        });
        if (!lock) return;
        logger.info('leading: this instance evaluates alarms');
        stopLeading = await options.lead();
      } catch (error) {
        lastFailed = true;
        logger.warn({ err: error }, 'could not take alarm leadership');
        await lock?.release().catch(() => {});
        lock = null;
      }
    }));

  const schedule = () => {
    if (stopped) return;
    clearTimeout(timer);
    if (!lastFailed) failing.reset();
    const delayMs = lock ? retryMs * 5 : lastFailed ? failing.next() : retryMs;
    timer = setTimeout(() => void attempt().then(schedule), delayMs);
  };
  void attempt().then(schedule);

  return {
    get leading() {
      return lock !== null && stopLeading !== undefined;
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      const held = lock;
      await resign();
      await held?.release();
    },
  };
}
