/**
 * The sign-in contract between the browser and the web server: plain HTTP routes on the custom
 * server (not tRPC, since they set and clear the session cookie). Browser-safe: types and constants.
 *
 * Every route answers JSON. A refused call answers `{ error: AuthErrorCode, message }`, where the
 * message is English for logs and the code is what a screen translates.
 */
import type { Permission, SessionUser } from '@city/db/domain';

export const AUTH_PATH = '/api/auth';

export const AUTH_ROUTES = {
  /** POST {name, password} → 200 SessionView and the cookie; 401 `login-failed` (always the same). */
  login: `${AUTH_PATH}/login`,
  /** POST → 204; revokes the session and clears the cookie. */
  logout: `${AUTH_PATH}/logout`,
  /** GET → 200 SessionView, or 401 `signed-out`. */
  session: `${AUTH_PATH}/session`,
  /**
   * POST {token, name, password} → 200 SessionView: the first admin, from the one-time setup link; or
   * an account an admin created, from its invitation (`?token=…&name=…`; the name must be the account's).
   */
  setup: `${AUTH_PATH}/setup`,
  /** POST {currentPassword, newPassword} → 204; every session of the user ends, this one is renewed. */
  password: `${AUTH_PATH}/password`,
  /** POST {code} → 200 SessionView of a display session: pairs a wall screen. */
  pair: `${AUTH_PATH}/pair`,
} as const;

/**
 * Single sign-on (OpenID Connect). Browser navigations, not fetches: each one leaves for the identity
 * provider or comes back from it. Served only when the server has OIDC_ISSUER.
 */
export const OIDC_ROUTES = {
  /** GET ?next=<path> → 303 to the identity provider (authorization code flow with PKCE). */
  start: `${AUTH_PATH}/oidc/start`,
  /** GET ?next=<path>, signed in → 303 to the provider with prompt=login: a fresh sign-in for setpoints. */
  reauth: `${AUTH_PATH}/oidc/reauth`,
  /** GET, from the provider → signed in and on to `next`, or to the login page with `?sso=<SsoRefusal>`. */
  callback: `${AUTH_PATH}/oidc/callback`,
} as const;

/** Why single sign-on sent someone back to the login page; the page translates it. */
export const SSO_REFUSALS = ['no-role', 'disabled', 'other-user', 'failed'] as const;
export type SsoRefusal = (typeof SSO_REFUSALS)[number];

/**
 * Request header the server sets on every page request (and strips from the browser's): the identity
 * provider's name when single sign-on is configured, URI-encoded. The login page draws its button from it.
 */
export const SSO_NAME_HEADER = 'x-city-sso-name';

/** The page a signed-out browser is sent to, with `?next=<path>` to return to. */
export const LOGIN_PAGE = '/login';
/** The first-start page; the setup link carries `?token=`. */
export const SETUP_PAGE = '/setup';
/** Where a wall screen enters its pairing code. */
export const PAIR_PAGE = '/pair';

export interface SessionView {
  user: SessionUser;
  permissions: Permission[];
  /** When the session ends at the latest (absolute timeout), epoch ms. */
  expiresAt: number;
  /** When it ends if nothing is done before (idle timeout), epoch ms. */
  idleExpiresAt: number;
}

export const AUTH_ERROR_CODES = [
  'login-failed',
  'signed-out',
  'setup-invalid',
  'pairing-invalid',
  'password-rejected',
  'bad-request',
  'forbidden-origin',
] as const;
export type AuthErrorCode = (typeof AUTH_ERROR_CODES)[number];

export interface AuthError {
  error: AuthErrorCode;
  message: string;
}

/** Sent over Socket.IO just before the server disconnects a screen whose session ended. */
export type SessionEndReason = 'expired' | 'revoked' | 'signed-out';
