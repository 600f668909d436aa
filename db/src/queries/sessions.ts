import type { Role } from '@city/domain';
import type { Queryable } from '../database';

/** A session as the server checks it: its user joined in, so one query answers "who is this?". */
export interface SessionRecord {
  idHash: Buffer;
  userId: number;
  userName: string;
  displayName: string;
  role: Role;
  kind: 'user' | 'display';
  userDisabled: boolean;
  createdAt: Date;
  lastSeenAt: Date;
  authenticatedAt: Date;
  idleTimeoutS: number;
  expiresAt: Date;
  revokedAt: Date | null;
}

interface Row {
  id_hash: Buffer | Uint8Array;
  user_id: string;
  name: string;
  display_name: string;
  role: Role;
  kind: 'user' | 'display';
  disabled_at: Date | null;
  created_at: Date;
  last_seen_at: Date;
  authenticated_at: Date;
  idle_timeout_s: number;
  expires_at: Date;
  revoked_at: Date | null;
}

const toSession = (row: Row): SessionRecord => ({
  idHash: Buffer.from(row.id_hash),
  userId: Number(row.user_id),
  userName: row.name,
  displayName: row.display_name,
  role: row.role,
  kind: row.kind,
  userDisabled: row.disabled_at !== null,
  createdAt: row.created_at,
  lastSeenAt: row.last_seen_at,
  authenticatedAt: row.authenticated_at,
  idleTimeoutS: row.idle_timeout_s,
  expiresAt: row.expires_at,
  revokedAt: row.revoked_at,
});

const SELECT = `SELECT s.id_hash, s.user_id, u.name, u.display_name, u.role, u.kind, u.disabled_at, s.created_at,
       s.last_seen_at, s.authenticated_at, s.idle_timeout_s, s.expires_at, s.revoked_at
  FROM sessions s JOIN users u ON u.id = s.user_id`;

export interface NewSession {
  idHash: Buffer;
  userId: number;
  idleTimeoutS: number;
  absoluteTimeoutS: number;
  address: string | null;
  userAgent: string | null;
}

export async function insertSession(db: Queryable, session: NewSession): Promise<SessionRecord> {
  await db.query(
    `INSERT INTO sessions (id_hash, user_id, idle_timeout_s, expires_at, address, user_agent)
     VALUES ($1, $2, $3, now() + make_interval(secs => $4), $5, $6)`,
    [
      session.idHash,
      session.userId,
      session.idleTimeoutS,
      session.absoluteTimeoutS,
      session.address,
      session.userAgent,
    ],
  );
  const found = await findSession(db, session.idHash);
  if (!found) throw new Error('a session just inserted could not be read back');
  return found;
}

export async function findSession(db: Queryable, idHash: Buffer): Promise<SessionRecord | undefined> {
  const { rows } = await db.query<Row>(`${SELECT} WHERE s.id_hash = $1`, [idHash]);
  return rows[0] && toSession(rows[0]);
}

/** Sessions by id hash, for checking open sockets in one query. */
export async function findSessions(db: Queryable, idHashes: readonly Buffer[]): Promise<SessionRecord[]> {
  if (idHashes.length === 0) return [];
  const { rows } = await db.query<Row>(`${SELECT} WHERE s.id_hash = ANY($1::bytea[])`, [idHashes]);
  return rows.map(toSession);
}

/** Records activity, which moves the idle timeout on. */
export async function touchSessions(
  db: Queryable,
  seen: readonly { idHash: Buffer; at: Date }[],
): Promise<void> {
  if (seen.length === 0) return;
  await db.query(
    `UPDATE sessions s SET last_seen_at = greatest(s.last_seen_at, v.at)
       FROM unnest($1::bytea[], $2::timestamptz[]) AS v(id_hash, at) WHERE s.id_hash = v.id_hash`,
    [seen.map((s) => s.idHash), seen.map((s) => s.at)],
  );
}

export async function revokeSession(db: Queryable, idHash: Buffer, reason: string): Promise<void> {
  await db.query(
    'UPDATE sessions SET revoked_at = now(), revoked_reason = $2 WHERE id_hash = $1 AND revoked_at IS NULL',
    [idHash, reason],
  );
}

/** Ends every open session of a user, but the one given (after a password change); returns how many. */
export async function revokeUserSessions(
  db: Queryable,
  userId: number,
  reason: string,
  except?: Buffer,
): Promise<number> {
  const { rowCount } = await db.query(
    `UPDATE sessions SET revoked_at = now(), revoked_reason = $2
      WHERE user_id = $1 AND revoked_at IS NULL AND ($3::bytea IS NULL OR id_hash <> $3)`,
    [userId, reason, except ?? null],
  );
  return rowCount;
}

/**
 * Records when the session's user last proved who they are: now (a password just now), or when the
 * identity provider says they signed in there (its auth_time), never later than now.
 */
export async function markAuthenticated(db: Queryable, idHash: Buffer, at?: Date): Promise<void> {
  await db.query(
    'UPDATE sessions SET authenticated_at = least(coalesce($2, now()), now()) WHERE id_hash = $1',
    [idHash, at ?? null],
  );
}

/** Removes sessions that ended more than a day ago; they are of no use, and the audit keeps the history. */
export async function pruneSessions(db: Queryable): Promise<number> {
  const { rowCount } = await db.query(
    `DELETE FROM sessions WHERE expires_at < now() - interval '1 day'
        OR revoked_at < now() - interval '1 day'
        OR last_seen_at + make_interval(secs => idle_timeout_s) < now() - interval '1 day'`,
  );
  return rowCount;
}
