import {
  type AuditActor,
  createUser,
  type Database,
  expireUserAccessCodes,
  findUserByName,
  insertAccessCode,
  lockEnabledAdmins,
  type Queryable,
  recordAudit,
  revokeUserSessions,
  setUserDisabled,
  setUserRole,
  type UserRecord,
} from '@city/db';
import type { Role } from '@city/domain';
import { INVITE_VALID_S } from '../../shared/admin-contract';
import { SETUP_PAGE } from '../../shared/auth-contract';
import type { Principal } from '../auth/principal';
import type { SessionService } from '../auth/sessions';
import { hashToken, newToken } from '../auth/tokens';
import { AdminError, notFound, rethrowTaken } from './errors';

// INVITE_VALID_S: three days, long enough to reach someone on leave over a weekend.

/** Who acts, as the tRPC context knows them. */
export interface AdminActor {
  principal: Principal;
  actor: AuditActor;
  sessions: SessionService | undefined;
}

export interface Invitation {
  /** The setup page with the one-time token and the account's name; the screen puts its own origin in front. */
  setupPath: string;
  expiresAt: Date;
}

/**
 * Creates a person's account without a password, and an invitation where they choose one: an admin
 * never types or sees anyone else's password.
 */
export async function createInvitedAccount(
  db: Database,
  by: AdminActor,
  input: { name: string; displayName?: string | undefined; role: Role },
): Promise<{ user: UserRecord; invitation: Invitation }> {
  return db.transaction(async (tx) => {
    const user = await createUser(tx, { ...input, passwordHash: null }).catch((error: unknown) =>
      rethrowTaken(error, `a user named "${input.name}"`),
    );
    const invitation = await invite(tx, user);
    await recordAudit(tx, {
      by: by.actor,
      action: 'user.create',
      target: user.name,
      after: { name: user.name, role: user.role, displayName: user.displayName },
      details: { invitationExpiresAt: invitation.expiresAt },
    });
    return { user, invitation };
  });
}

/** A new invitation for an existing person (a forgotten password): the old one stops working. */
export async function reinvite(db: Database, by: AdminActor, name: string): Promise<Invitation> {
  return db.transaction(async (tx) => {
    const user = await findPerson(tx, name);
    const invitation = await invite(tx, user);
    await recordAudit(tx, {
      by: by.actor,
      action: 'user.invite',
      target: user.name,
      details: { invitationExpiresAt: invitation.expiresAt },
    });
    return invitation;
  });
}

async function invite(tx: Queryable, user: UserRecord): Promise<Invitation> {
  await expireUserAccessCodes(tx, user.id, 'invite');
  const token = newToken();
  const expiresAt = await insertAccessCode(tx, {
    codeHash: hashToken(token),
    purpose: 'invite',
    userId: user.id,
    validForS: INVITE_VALID_S,
  });
  const query = new URLSearchParams({ token, name: user.name });
  return { setupPath: `${SETUP_PAGE}?${query}`, expiresAt };
}

async function findPerson(tx: Queryable, name: string): Promise<UserRecord> {
  const user = await findUserByName(tx, name);
  if (user?.kind !== 'user') throw notFound(`user named "${name}"`);
  return user;
}

/**
 * Refuses a change that would leave no enabled admin, or that an admin makes to their own account
 * (a slip of the mouse must not lock out the one person who could undo it).
 */
async function keepAnAdmin(tx: Queryable, by: AdminActor, target: UserRecord, change: string): Promise<void> {
  if (target.id === by.principal.userId)
    throw new AdminError('refused', `you cannot ${change} your own account; ask another admin`);
  const admins = await lockEnabledAdmins(tx);
  if (admins.length === 1 && admins[0] === target.name)
    throw new AdminError(
      'refused',
      `"${target.name}" is the last enabled admin: make another admin first, then ${change} this one`,
    );
}

export async function changeRole(
  db: Database,
  by: AdminActor,
  name: string,
  role: Role,
): Promise<UserRecord> {
  return db.transaction(async (tx) => {
    const user = await findPerson(tx, name);
    if (user.role === role) return user;
    if (user.role === 'admin') await keepAnAdmin(tx, by, user, 'demote');
    await setUserRole(tx, name, role);
    await recordAudit(tx, {
      by: by.actor,
      action: 'user.role',
      target: name,
      before: { role: user.role },
      after: { role },
    });
    return { ...user, role };
  });
}

/** Disables (ending every session at once) or enables a person's or a display's account. */
export async function setDisabled(
  db: Database,
  by: AdminActor,
  name: string,
  disabled: boolean,
): Promise<{ user: UserRecord; sessionsEnded: number }> {
  return db.transaction(async (tx) => {
    const user = await findUserByName(tx, name);
    if (!user) throw notFound(`account named "${name}"`);
    if (user.disabled === disabled) return { user, sessionsEnded: 0 };
    if (disabled && user.role === 'admin') await keepAnAdmin(tx, by, user, 'disable');
    await setUserDisabled(tx, name, disabled);
    const sessionsEnded = disabled ? await endSessions(tx, by, user, 'account disabled') : 0;
    await recordAudit(tx, {
      by: by.actor,
      action: disabled ? 'user.disable' : 'user.enable',
      target: name,
      before: { disabled: user.disabled },
      after: { disabled },
      details: { sessionsEnded },
    });
    return { user: { ...user, disabled }, sessionsEnded };
  });
}

/** Ends every session of an account; an admin signing themselves out everywhere keeps this one. */
export async function signOutEverywhere(db: Database, by: AdminActor, name: string): Promise<number> {
  return db.transaction(async (tx) => {
    const user = await findUserByName(tx, name);
    if (!user) throw notFound(`account named "${name}"`);
    const sessionsEnded = await endSessions(tx, by, user, 'signed out everywhere by an admin');
    await recordAudit(tx, {
      by: by.actor,
      action: 'user.sign-out',
      target: name,
      details: { sessionsEnded },
    });
    return sessionsEnded;
  });
}

/** Revokes in the database (an open socket is then closed by the sweep) and drops this server's cache. */
export function endSessions(
  tx: Queryable,
  by: AdminActor,
  user: UserRecord,
  reason: string,
): Promise<number> {
  const keep = user.id === by.principal.userId ? by.principal : undefined;
  if (by.sessions) return by.sessions.endAllOf(user.id, reason, keep, tx);
  return revokeUserSessions(tx, user.id, reason, keep?.idHash);
}
