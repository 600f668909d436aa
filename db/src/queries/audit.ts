import type { Queryable } from '../database';

/** Who acted, as the web server's session knows it; never what a client said of itself. */
export interface AuditActor {
  /** The user's name; a system actor (the alarm engine, maintenance) has a name like "system:…". */
  name: string;
  userId: number | null;
  role: string | null;
  /** The first 16 hex digits of the session's id hash. */
  sessionRef: string | null;
  address: string | null;
  userAgent: string | null;
}

export interface AuditEntry {
  by: AuditActor;
  action: string;
  target: string;
  details?: Record<string, unknown>;
  before?: unknown;
  after?: unknown;
}

export interface AuditRow extends Omit<AuditEntry, 'by'> {
  id: number;
  at: Date;
  actor: string;
  userId: number | null;
  role: string | null;
  sessionRef: string | null;
  address: string | null;
  userAgent: string | null;
}

/**
 * Writes one audit row. Call it with the transaction that makes the change, so that a change
 * without its row cannot exist: if this insert fails, the change rolls back with it.
 */
export async function recordAudit(db: Queryable, entry: AuditEntry): Promise<void> {
  const { by } = entry;
  await db.query(
    `INSERT INTO audit_log (actor, user_id, role, session_ref, address, user_agent, action, target, details, before, after)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10::jsonb, $11::jsonb)`,
    [
      by.name,
      by.userId,
      by.role,
      by.sessionRef,
      by.address,
      by.userAgent,
      entry.action,
      entry.target,
      JSON.stringify(entry.details ?? {}),
      entry.before === undefined ? null : JSON.stringify(entry.before),
      entry.after === undefined ? null : JSON.stringify(entry.after),
    ],
  );
}

export interface AuditQuery {
  actor?: string | undefined;
  /** An exact action, or a prefix ending in "." (e.g. "alarm."). */
  action?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  limit?: number | undefined;
  /** Rows with a smaller id only: the next page of a newest-first listing. */
  beforeId?: number | undefined;
}

interface Row {
  id: string;
  at: Date;
  actor: string;
  user_id: string | null;
  role: string | null;
  session_ref: string | null;
  address: string | null;
  user_agent: string | null;
  action: string;
  target: string;
  details: Record<string, unknown>;
  before: unknown;
  after: unknown;
}

/** Audit rows, newest first, filtered by actor, action and time. */
export async function listAudit(db: Queryable, query: AuditQuery = {}): Promise<AuditRow[]> {
  const action = query.action ?? null;
  const { rows } = await db.query<Row>(
    `SELECT * FROM audit_log
      WHERE ($1::text IS NULL OR actor = $1)
        AND ($2::text IS NULL OR action = $2 OR (right($2, 1) = '.' AND starts_with(action, $2)))
        AND ($3::timestamptz IS NULL OR at >= $3)
        AND ($4::timestamptz IS NULL OR at < $4)
        AND ($5::bigint IS NULL OR id < $5)
      ORDER BY id DESC LIMIT $6`,
    [
      query.actor ?? null,
      action,
      query.from ?? null,
      query.to ?? null,
      query.beforeId ?? null,
      query.limit ?? 100,
    ],
  );
  return rows.map((row) => ({
    id: Number(row.id),
    at: row.at,
    actor: row.actor,
    userId: row.user_id === null ? null : Number(row.user_id),
    role: row.role,
    sessionRef: row.session_ref,
    address: row.address,
    userAgent: row.user_agent,
    action: row.action,
    target: row.target,
    details: row.details,
    before: row.before,
    after: row.after,
  }));
}

/** Deletes audit rows older than the retention setting (as the migrating role); returns how many. */
export async function pruneAudit(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ n: string }>('SELECT prune_audit_log() AS n');
  return Number(rows[0]?.n ?? 0);
}
