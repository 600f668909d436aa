import { type Database, findUserByName, type UserRecord } from '@city/db';
import type { LoginThrottle } from './login-throttle';
import { verifyPassword } from './passwords';

/**
 * The one way a password is checked, for a sign-in and for a signed-in person confirming theirs: the
 * attempt is counted by the login throttle (and waits its turn) before the hash is looked at, and an
 * unknown, disabled or password-less account costs one argon2 verification like any other. So a stolen
 * session cookie guessing through the confirm route is slowed exactly as a guesser at the login page
 * is, and counts against the same account and address.
 *
 * Answers the account when the password is right, else undefined; the caller says no in one way only.
 */
export async function provePassword(
  deps: { db: Database; throttle: LoginThrottle },
  name: string,
  password: string,
  address: string,
): Promise<UserRecord | undefined> {
  const wait = deps.throttle.reserve(name, address);
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  const user = await findUserByName(deps.db, name);
  const usable = user !== undefined && !user.disabled && user.kind === 'user';
  const valid = await verifyPassword(usable ? user.passwordHash : null, password);
  if (!valid || !user) return undefined;
  deps.throttle.succeeded(name, address);
  return user;
}
