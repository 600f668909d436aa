import type { Queryable } from '../database';

/** setup: the first admin; invite: an account an admin created; pairing: a wall display. */
export type AccessCodePurpose = 'setup' | 'invite' | 'pairing';

/** Stores a one-time code by its hash; the code itself is shown once and never stored. */
export async function insertAccessCode(
  db: Queryable,
  code: { codeHash: Buffer; purpose: AccessCodePurpose; userId: number | null; validForS: number },
): Promise<Date> {
  const { rows } = await db.query<{ expires_at: Date }>(
    `INSERT INTO access_codes (code_hash, purpose, user_id, expires_at)
     VALUES ($1, $2, $3, now() + make_interval(secs => $4)) RETURNING expires_at`,
    [code.codeHash, code.purpose, code.userId, code.validForS],
  );
  return rows[0]?.expires_at ?? new Date();
}

/**
 * Uses a code once: true (with its user) only for the first caller, before it expires. Two screens
 * entering the same code at once cannot both succeed.
 */
export async function redeemAccessCode(
  db: Queryable,
  codeHash: Buffer,
  purpose: AccessCodePurpose,
): Promise<{ userId: number | null } | undefined> {
  const { rows } = await db.query<{ user_id: string | null }>(
    `UPDATE access_codes SET used_at = now()
      WHERE code_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > now()
      RETURNING user_id`,
    [codeHash, purpose],
  );
  const row = rows[0];
  return row && { userId: row.user_id === null ? null : Number(row.user_id) };
}

/** Ends every unused code of a purpose (a new setup link replaces the old one). */
export async function expireAccessCodes(db: Queryable, purpose: AccessCodePurpose): Promise<void> {
  await db.query(
    'UPDATE access_codes SET expires_at = least(expires_at, now()) WHERE purpose = $1 AND used_at IS NULL',
    [purpose],
  );
}
