import type { Queryable } from '../database';

/** How many days audit rows are kept before maintenance may delete them. */
export async function readAuditRetentionDays(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ retention_days: number }>('SELECT retention_days FROM audit_settings');
  return Number(rows[0]?.retention_days ?? 0);
}

/** Changes the audit retention (the caller checks the bounds); returns the setting as it was. */
export async function setAuditRetentionDays(db: Queryable, days: number): Promise<number> {
  const { rows } = await db.query<{ before: number }>(
    `UPDATE audit_settings s SET retention_days = $1 FROM audit_settings before
      WHERE s.singleton AND before.singleton RETURNING before.retention_days AS before`,
    [days],
  );
  return Number(rows[0]?.before ?? 0);
}
