import type { UserRecord } from '@city/db';
import type { ReauthPath } from '../../shared/auth-contract';

/**
 * How this account proves who it is again: its own password, or a new sign-in at the identity
 * provider it is linked to. Null where neither can: a wall display, which never gives setpoints.
 */
export function reauthPath(
  user: Pick<UserRecord, 'kind' | 'passwordHash' | 'oidcIssuer'>,
): ReauthPath | null {
  if (user.kind !== 'user') return null;
  if (user.passwordHash !== null) return 'password';
  return user.oidcIssuer !== null ? 'oidc' : null;
}

/**
 * The cause of a command refused for want of a fresh sign-in. tRPC's error formatter turns it into
 * `data.reauth`, so the setpoint dialog asks for the password or sends the person to the provider
 * without guessing from the message.
 */
export class FreshAuthRequired extends Error {
  constructor(readonly reauth: ReauthPath | null) {
    super(`fresh authentication required (${reauth ?? 'none possible'})`);
    this.name = 'FreshAuthRequired';
  }
}
