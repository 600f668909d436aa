import { createHash } from 'node:crypto';
import {
  type AuditActor,
  createUser,
  findUserByName,
  findUserByOidc,
  type Queryable,
  recordAudit,
  setUserRole,
  type UserRecord,
} from '@city/db';
import type { Role } from '@city/domain';
import type { OidcIdentity } from './oidc-client';
import { actorWithoutSession, type RequestOrigin } from './principal';

/**
 * The account behind a single sign-on identity, in the caller's transaction. Linked by issuer and
 * subject only, never by name or e-mail: those a provider's users may be able to choose, and a match
 * on them would hand a local account to whoever took the name. Created on the first sign-in; on each
 * later one its role follows the provider's claims, since roles are managed there. A disabled account
 * is left as it is (the caller refuses it).
 */
export async function ssoAccount(
  tx: Queryable,
  identity: OidcIdentity,
  role: Role,
  origin: RequestOrigin,
): Promise<UserRecord> {
  const existing = await findUserByOidc(tx, identity.issuer, identity.subject);
  if (!existing) return createSsoAccount(tx, identity, role, origin);
  if (existing.disabled || existing.role === role) return existing;
  await setUserRole(tx, existing.name, role);
  await recordAudit(tx, {
    by: ssoActor(existing.name, origin, existing.id, role),
    action: 'user.role',
    target: existing.name,
    details: { via: 'oidc', issuer: identity.issuer },
    before: { role: existing.role },
    after: { role },
  });
  return { ...existing, role };
}

async function createSsoAccount(
  tx: Queryable,
  identity: OidcIdentity,
  role: Role,
  origin: RequestOrigin,
): Promise<UserRecord> {
  const base = accountName(identity);
  // A name taken already (a local account, or another provider's) gets the subject's hash appended.
  const suffix = createHash('sha256')
    .update(`${identity.issuer} ${identity.subject}`)
    .digest('hex')
    .slice(0, 8);
  const name = (await findUserByName(tx, base)) ? `${base.slice(0, 55)}-${suffix}` : base;
  const user = await createUser(tx, {
    name,
    displayName: displayName(identity) ?? name,
    role,
    passwordHash: null,
    oidc: { issuer: identity.issuer, subject: identity.subject },
  });
  await recordAudit(tx, {
    by: ssoActor(user.name, origin, user.id, role),
    action: 'user.create',
    target: user.name,
    details: { via: 'oidc', issuer: identity.issuer, subject: identity.subject },
    after: { name: user.name, role: user.role, displayName: user.displayName },
  });
  return user;
}

/** How the audit names someone the provider vouches for, before or without a session of ours. */
export function ssoActor(name: string, origin: RequestOrigin, userId?: number, role?: Role): AuditActor {
  return { ...actorWithoutSession(name, origin), userId: userId ?? null, role: role ?? null };
}

/** The name a person is known by at the provider, for the audit trail and a first account name. */
export function claimedName(identity: OidcIdentity): string {
  const { preferred_username: preferred, email } = identity.claims;
  if (typeof preferred === 'string' && preferred.trim()) return preferred.trim();
  if (typeof email === 'string' && email.trim()) return email.trim();
  return identity.subject;
}

/** A user name our rules accept (see UserNameSchema), from the provider's user name or e-mail. */
function accountName(identity: OidcIdentity): string {
  const name = claimedName(identity)
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .slice(0, 64);
  return name.length >= 2 ? name : 'sso-user';
}

function displayName(identity: OidcIdentity): string | undefined {
  const { name } = identity.claims;
  return typeof name === 'string' && name.trim() ? name.trim().slice(0, 100) : undefined;
}
