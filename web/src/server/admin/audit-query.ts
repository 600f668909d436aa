import { type AuditQuery, type AuditRow, type Database, listAudit } from '@city/db';
import { z } from 'zod';
import { AUDIT_MAX_DAYS, AUDIT_PAGE_MAX } from '../../shared/admin-contract';
import { AdminError } from './errors';

// AUDIT_MAX_DAYS: a month answers an investigation's question, and keeps a careless click from
// reading years of rows; ask again for the month before.
const DAY_MS = 86_400_000;

/** Empty query-string fields mean "any", as a form that leaves them blank sends them. */
const optionalText = (max: number) =>
  z.preprocess((value) => (value === '' ? undefined : value), z.string().trim().min(1).max(max).optional());
const optionalDate = z.preprocess((value) => (value === '' ? undefined : value), z.coerce.date().optional());

/** Who (the actor's name, e.g. "anna.devries" or "system:alarms"), what (exact, or a prefix ending in "."), when. */
export const AuditFilterSchema = z.strictObject({
  user: optionalText(200),
  action: optionalText(100),
  /** Inclusive; default 24 hours before `to`. */
  from: optionalDate,
  /** Exclusive; default now. */
  to: optionalDate,
});
export type AuditFilter = z.output<typeof AuditFilterSchema>;

export const AuditPageSchema = AuditFilterSchema.extend({
  limit: z.int().min(1).max(AUDIT_PAGE_MAX).default(100),
  /** The `nextBeforeId` of the page before: keyset paging, stable while new rows arrive. */
  beforeId: z.int().min(1).optional(),
});

/** The filter as a query, its period defaulted and checked against the cap. */
export function auditQuery(filter: AuditFilter): AuditQuery & { from: Date; to: Date } {
  const to = filter.to ?? new Date();
  const from = filter.from ?? new Date(to.getTime() - DAY_MS);
  if (from >= to) throw new AdminError('refused', '"from" must be before "to"');
  if (to.getTime() - from.getTime() > AUDIT_MAX_DAYS * DAY_MS)
    throw new AdminError(
      'refused',
      `the audit trail is queried at most ${AUDIT_MAX_DAYS} days at a time; ask for a shorter period`,
    );
  return { actor: filter.user, action: filter.action, from, to };
}

/** One page, newest first, with where the next one starts (null on the last page). */
export async function auditPage(
  db: Database,
  input: z.output<typeof AuditPageSchema>,
): Promise<{ rows: AuditRow[]; nextBeforeId: number | null }> {
  const rows = await listAudit(db, { ...auditQuery(input), limit: input.limit, beforeId: input.beforeId });
  const last = rows.at(-1);
  return { rows, nextBeforeId: rows.length === input.limit && last ? last.id : null };
}

/** Every row of a filter, page by page, so an export never holds the month in memory. */
export async function* auditRows(
  db: Database,
  filter: AuditFilter,
  pageSize = 1_000,
): AsyncGenerator<AuditRow> {
  const query = auditQuery(filter);
  let beforeId: number | undefined;
  for (;;) {
    const rows = await listAudit(db, { ...query, limit: pageSize, beforeId });
    yield* rows;
    const last = rows.at(-1);
    if (rows.length < pageSize || !last) return;
    beforeId = last.id;
  }
}
