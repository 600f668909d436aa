import type { Role } from '@city/domain';
import type { Queryable } from '../database';

/** An account as an admin sees it: who, what role, and whether it is in use; never a password hash. */
export interface AccountSummary {
  name: string;
  displayName: string;
  role: Role;
  kind: 'user' | 'display';
  disabled: boolean;
  createdAt: Date;
  /** The newest sign-in (or display pairing) in the audit trail; null if none is kept. */
  lastSignInAt: Date | null;
  /** The newest activity of any of its sessions still on record. */
  lastSeenAt: Date | null;
  /** Sessions not revoked and not past their absolute timeout. */
  openSessions: number;
  /** Whether an unused invitation or pairing code is waiting, and until when. */
  pendingCodeExpiresAt: Date | null;
}

interface Row {
  name: string;
  display_name: string;
  role: Role;
  kind: 'user' | 'display';
  disabled_at: Date | null;
  created_at: Date;
  last_sign_in_at: Date | null;
  last_seen_at: Date | null;
  open_sessions: number;
  pending_code_expires_at: Date | null;
}

/** Every account (people and wall displays), by name, with its sessions counted in the same query. */
export async function listAccounts(db: Queryable, kind?: 'user' | 'display'): Promise<AccountSummary[]> {
  const { rows } = await db.query<Row>(
    `SELECT u.name, u.display_name, u.role, u.kind, u.disabled_at, u.created_at,
            (SELECT max(a.at) FROM audit_log a
              WHERE a.actor = u.name AND a.action IN ('session.login', 'display.pair')) AS last_sign_in_at,
            (SELECT max(s.last_seen_at) FROM sessions s WHERE s.user_id = u.id) AS last_seen_at,
            (SELECT count(*)::int FROM sessions s
              WHERE s.user_id = u.id AND s.revoked_at IS NULL AND s.expires_at > now()
                AND s.last_seen_at + make_interval(secs => s.idle_timeout_s) > now()) AS open_sessions,
            (SELECT max(c.expires_at) FROM access_codes c
              WHERE c.user_id = u.id AND c.used_at IS NULL AND c.expires_at > now()) AS pending_code_expires_at
       FROM users u
      WHERE $1::text IS NULL OR u.kind = $1
      ORDER BY u.name`,
    [kind ?? null],
  );
  return rows.map((row) => ({
    name: row.name,
    displayName: row.display_name,
    role: row.role,
    kind: row.kind,
    disabled: row.disabled_at !== null,
    createdAt: row.created_at,
    lastSignInAt: row.last_sign_in_at,
    lastSeenAt: row.last_seen_at,
    openSessions: Number(row.open_sessions),
    pendingCodeExpiresAt: row.pending_code_expires_at,
  }));
}

/**
 * The enabled admins' names, locked until the caller's transaction ends: two admins demoting each
 * other at the same moment are then checked one after the other, and cannot leave nobody in charge.
 */
export async function lockEnabledAdmins(tx: Queryable): Promise<string[]> {
  const { rows } = await tx.query<{ name: string }>(
    `SELECT name FROM users WHERE role = 'admin' AND kind = 'user' AND disabled_at IS NULL
      ORDER BY id FOR UPDATE`,
  );
  return rows.map((row) => row.name);
}

/** Ends a user's unused codes of a purpose (a new invitation or pairing code replaces the old one). */
export async function expireUserAccessCodes(
  db: Queryable,
  userId: number,
  purpose: 'invite' | 'pairing',
): Promise<void> {
  await db.query(
    `UPDATE access_codes SET expires_at = least(expires_at, now())
      WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL`,
    [userId, purpose],
  );
}
