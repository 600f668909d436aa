import {
  findUserById,
  type Queryable,
  recordAudit,
  redeemAccessCode,
  revokeUserSessions,
  setPasswordHash,
  type UserRecord,
} from '@city/db';
import { actorWithoutSession, type RequestOrigin } from './principal';

/**
 * Uses an invitation (an account an admin created, or a fresh link for a forgotten password): the
 * person sets their password, in the caller's transaction. The name they type must be the account's,
 * which the admin told them, so a link read over a shoulder is not enough on its own. Answers
 * undefined for a used, expired or unknown link, a wrong name, or a disabled account; the caller then
 * rolls back, and the link stays usable for the right person.
 */
export async function acceptInvitation(
  tx: Queryable,
  codeHash: Buffer,
  name: string,
  passwordHash: string,
  origin: RequestOrigin,
): Promise<UserRecord | undefined> {
  const used = await redeemAccessCode(tx, codeHash, 'invite');
  const user = used?.userId != null ? await findUserById(tx, used.userId) : undefined;
  if (user?.kind !== 'user' || user.disabled || user.name !== name) return undefined;
  await setPasswordHash(tx, user.id, passwordHash);
  // After a reset, whoever still holds a session from the old password is signed out.
  const sessionsEnded = await revokeUserSessions(tx, user.id, 'password set from an invitation');
  await recordAudit(tx, {
    by: { ...actorWithoutSession(user.name, origin), userId: user.id, role: user.role },
    action: 'user.password',
    target: user.name,
    details: { from: 'invitation', sessionsEnded },
  });
  return user;
}
