import {
  type AuditActor,
  type AuditEntry,
  type Database,
  recordAlarmTransitions,
  type TransitionToRecord,
} from '@city/db';
import type { AlarmTransition } from '@city/domain';
import type { Logger } from 'pino';

const ATTEMPTS = 5;

/** Who took an operator's action and what it was, for its audit row (target, before and after are the engine's). */
export interface ActionAudit {
  by: AuditActor;
  action: string;
  details: Record<string, unknown>;
}

/**
 * Journals transitions (and an action's audit row) in one transaction, retrying with backoff while
 * the database is briefly away: a restart or failover must not lose an alarm. Undefined once every
 * attempt failed, which is logged, so the caller can say the action did not happen.
 */
export async function journalWithRetries(
  db: Database,
  items: readonly TransitionToRecord[],
  audit: AuditEntry | undefined,
  logger: Logger,
): Promise<AlarmTransition[] | undefined> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await recordAlarmTransitions(db, items, audit);
    } catch (error) {
      if (attempt >= ATTEMPTS) {
        logger.error({ err: error, transitions: items.length }, 'alarm transitions not journaled');
        return undefined;
      }
      await new Promise((resolve) => setTimeout(resolve, 200 * 2 ** attempt));
    }
  }
}
