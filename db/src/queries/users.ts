import type { Role } from '@city/domain';
import type { Queryable } from '../database';

export interface UserRecord {
  id: number;
  name: string;
  displayName: string;
  role: Role;
  kind: 'user' | 'display';
  /** argon2id PHC string, or null for single-sign-on and display accounts. */
  passwordHash: string | null;
  /** The identity provider a single-sign-on account is linked to, or null for a local account. */
  oidcIssuer: string | null;
  disabled: boolean;
  createdAt: Date;
}

interface Row {
  id: string;
  name: string;
  display_name: string;
  role: Role;
  kind: 'user' | 'display';
  password_hash: string | null;
  oidc_issuer: string | null;
  disabled_at: Date | null;
  created_at: Date;
}

const toUser = (row: Row): UserRecord => ({
  id: Number(row.id),
  name: row.name,
  displayName: row.display_name,
  role: row.role,
  kind: row.kind,
  passwordHash: row.password_hash,
  oidcIssuer: row.oidc_issuer,
  disabled: row.disabled_at !== null,
  createdAt: row.created_at,
});

export interface NewUser {
  name: string;
  displayName?: string | undefined;
  role: Role;
  kind?: 'user' | 'display';
  passwordHash: string | null;
  oidc?: { issuer: string; subject: string } | undefined;
}

/** Adds an account; a name that exists already fails with the database's unique violation (23505). */
export async function createUser(db: Queryable, user: NewUser): Promise<UserRecord> {
  const { rows } = await db.query<Row>(
    `INSERT INTO users (name, display_name, role, kind, password_hash, oidc_issuer, oidc_subject)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
    [
      user.name,
      user.displayName ?? user.name,
      user.role,
      user.kind ?? 'user',
      user.passwordHash,
      user.oidc?.issuer ?? null,
      user.oidc?.subject ?? null,
    ],
  );
  return toUser(rows[0] as Row);
}

export async function findUserByName(db: Queryable, name: string): Promise<UserRecord | undefined> {
  const { rows } = await db.query<Row>('SELECT * FROM users WHERE name = $1', [name]);
  return rows[0] && toUser(rows[0]);
}

export async function findUserByOidc(
  db: Queryable,
  issuer: string,
  subject: string,
): Promise<UserRecord | undefined> {
  const { rows } = await db.query<Row>('SELECT * FROM users WHERE oidc_issuer = $1 AND oidc_subject = $2', [
    issuer,
    subject,
  ]);
  return rows[0] && toUser(rows[0]);
}

export async function listUsers(db: Queryable): Promise<UserRecord[]> {
  const { rows } = await db.query<Row>('SELECT * FROM users ORDER BY name');
  return rows.map(toUser);
}

/** Whether any person's account exists yet (wall displays do not count): none means first start. */
export async function anyUserExists(db: Queryable): Promise<boolean> {
  const { rows } = await db.query<{ any: boolean }>(
    "SELECT EXISTS (SELECT FROM users WHERE kind = 'user') AS any",
  );
  return rows[0]?.any === true;
}

/** Disables or enables an account; returns the account as it was before, or undefined if none. */
export async function setUserDisabled(
  db: Queryable,
  name: string,
  disabled: boolean,
): Promise<UserRecord | undefined> {
  const { rows } = await db.query<Row>(
    `UPDATE users u SET disabled_at = CASE WHEN $2 THEN coalesce(u.disabled_at, now()) END
       FROM users before WHERE u.id = before.id AND u.name = $1 RETURNING before.*`,
    [name, disabled],
  );
  return rows[0] && toUser(rows[0]);
}

export async function setUserRole(db: Queryable, name: string, role: Role): Promise<UserRecord | undefined> {
  const { rows } = await db.query<Row>(
    `UPDATE users u SET role = $2 FROM users before
      WHERE u.id = before.id AND u.name = $1 AND u.kind = 'user' RETURNING before.*`,
    [name, role],
  );
  return rows[0] && toUser(rows[0]);
}

export async function setPasswordHash(db: Queryable, userId: number, passwordHash: string): Promise<void> {
  await db.query('UPDATE users SET password_hash = $2, password_changed_at = now() WHERE id = $1', [
    userId,
    passwordHash,
  ]);
}

export async function findUserById(db: Queryable, id: number): Promise<UserRecord | undefined> {
  const { rows } = await db.query<Row>('SELECT * FROM users WHERE id = $1', [id]);
  return rows[0] && toUser(rows[0]);
}
