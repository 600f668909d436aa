import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { safeNextPath } from '../../sign-in/next-path';
import type { PendingSignIn } from './oidc-client';
import { readCookie } from './tokens';

/**
 * A sign-in under way lives in the browser that started it, in one short-lived cookie (state, nonce,
 * PKCE verifier, where to go next): any instance of the control room can finish it, and a return
 * from the provider in another browser finds no cookie and is refused.
 *
 * - HttpOnly: no script of ours or anyone's reads the verifier.
 * - SameSite=Lax, where the session cookie is Strict: the return from the provider is a top-level
 *   navigation started on the provider's site, and a Strict cookie would not come with it. Lax sends
 *   it on such a GET, and on nothing cross-site that changes state.
 * - Behind https the name carries the __Host- prefix: the browser then takes it only from our own
 *   host, Secure, Path=/ and without Domain, so a sibling subdomain cannot plant its own sign-in
 *   (its own state and verifier) to sign our user in as someone else.
 * - Max-Age 10 minutes: long enough to type a password and a second factor.
 */
const NAME = 'city_oidc';
const SECURE_NAME = `__Host-${NAME}`;
const MAX_AGE_S = 600;

const PendingSchema = z.strictObject({
  state: z.string().min(1).max(200),
  nonce: z.string().min(1).max(200),
  verifier: z.string().min(43).max(128),
  next: z.string().max(2_000),
  reauth: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .nullable(),
});

/** The Set-Cookie value that stores a sign-in under way, or (null) clears it. */
export function writePending(pending: PendingSignIn | null, secure: boolean): string {
  const value = pending ? Buffer.from(JSON.stringify(pending)).toString('base64url') : '';
  const parts = [`${secure ? SECURE_NAME : NAME}=${value}`, 'Path=/', 'HttpOnly', 'SameSite=Lax'];
  parts.push(`Max-Age=${pending ? MAX_AGE_S : 0}`);
  if (secure) parts.push('Secure');
  return parts.join('; ');
}

/** The sign-in under way in this browser, or undefined (none, expired, or not one we wrote). */
export function readPending(req: IncomingMessage, secure: boolean): PendingSignIn | undefined {
  const value = readCookie(req.headers.cookie, secure ? SECURE_NAME : NAME);
  if (!value || value.length > 4_000) return undefined;
  try {
    const parsed = PendingSchema.safeParse(JSON.parse(Buffer.from(value, 'base64url').toString('utf8')));
    // `next` was checked when the sign-in began; checked again, since the cookie came back from the browser.
    return parsed.success ? { ...parsed.data, next: safeNextPath(parsed.data.next) } : undefined;
  } catch {
    return undefined;
  }
}
