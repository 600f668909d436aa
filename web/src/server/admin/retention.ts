import {
  applyRetention,
  type Database,
  readAuditRetentionDays,
  readRetention,
  recordAudit,
  setAuditRetentionDays,
} from '@city/db';
import { z } from 'zod';
import { RETENTION_LIMITS } from '../../shared/admin-contract';
import type { AdminActor } from './accounts';
import { AdminError } from './errors';

/**
 * Audit rows are kept at least a year: an investigation (a complaint, an incident review, a police
 * request) often starts months after the event, and by then the trail of who did what must still be
 * there. Ten years at most, past any archive duty we know of; longer belongs in an archive, not here.
 */
const AUDIT_DAYS = RETENTION_LIMITS.auditDays;
/**
 * Raw readings: a day at least (the live screens and the hourly rollup read them), ten years at most.
 * Hourly rollups: a week at least, a century at most, or null to keep for ever (they are small).
 */
const READINGS_DAYS = RETENTION_LIMITS.rawDays;
const HOURLY_DAYS = RETENTION_LIMITS.hourDays;

export const RetentionChangesSchema = z.strictObject({
  auditDays: z.int().min(AUDIT_DAYS.min).max(AUDIT_DAYS.max).optional(),
  /** null keeps raw readings for ever. */
  rawDays: z.int().min(READINGS_DAYS.min).max(READINGS_DAYS.max).nullable().optional(),
  /** null keeps hourly rollups for ever. */
  hourDays: z.int().min(HOURLY_DAYS.min).max(HOURLY_DAYS.max).nullable().optional(),
});
export type RetentionChanges = z.output<typeof RetentionChangesSchema>;

export interface RetentionView {
  auditDays: number;
  rawDays: number | null;
  hourDays: number | null;
}

export async function readAllRetention(db: Database): Promise<RetentionView> {
  const [auditDays, readings] = await Promise.all([readAuditRetentionDays(db), readRetention(db)]);
  return { auditDays, ...readings };
}

/** Changes what is given, audited in the same transaction; refuses raw readings kept longer than their rollups. */
export async function changeRetention(
  db: Database,
  by: AdminActor,
  changes: RetentionChanges,
): Promise<RetentionView> {
  await db.transaction(async (tx) => {
    const before = { auditDays: await readAuditRetentionDays(tx), ...(await readRetention(tx)) };
    const after = { ...before, ...changes };
    // History of an old period is answered from the hourly rollup; dropping it first would leave a hole
    // the raw readings no longer cover at the hour scale the charts use.
    if (after.hourDays !== null && (after.rawDays === null || after.rawDays > after.hourDays))
      throw new AdminError(
        'refused',
        `hourly rollups (${after.hourDays} days) must be kept at least as long as raw readings (${after.rawDays ?? 'for ever'})`,
      );
    if (changes.auditDays !== undefined) await setAuditRetentionDays(tx, changes.auditDays);
    const { auditDays: _audit, ...readings } = changes;
    if (Object.keys(readings).length > 0) await applyRetention(tx, readings);
    await recordAudit(tx, { by: by.actor, action: 'retention.set', target: 'retention', before, after });
  });
  return readAllRetention(db);
}
