/**
 * The sign-in contract between the browser and the web server: plain HTTP routes on the custom
 * server (not tRPC, since they set and clear the session cookie). Browser-safe: types and constants.
 *
 * Every route answers JSON. A refused call answers `{ error: AuthErrorCode, message }`, where the
 * message is English for logs and the code is what a screen translates.
 */
import type { Permission, SessionUser } from '@city/domain';

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
  /**
   * POST {password} → 204: the signed-in user proves who they are again, and the session counts as
   * freshly authenticated (setpoints need that within FRESH_AUTH_MS). 401 `confirm-failed` (always the
   * same, throttled like a sign-in); 403 `confirm-unavailable` for a session with no password of its
   * own, with `reauth: 'oidc'` where the identity provider's OIDC_ROUTES.reauth is the way instead.
   */
  confirm: `${AUTH_PATH}/confirm`,
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
  'confirm-failed',
  'confirm-unavailable',
  'bad-request',
  'forbidden-origin',
] as const;
export type AuthErrorCode = (typeof AUTH_ERROR_CODES)[number];

export interface AuthError {
  error: AuthErrorCode;
  message: string;
  /** Where proving who one is again is the fix (a refused confirmation): the way that works for this account. */
  reauth?: ReauthPath;
}

/**
 * How a signed-in person proves who they are again: their password (AUTH_ROUTES.confirm) or a new
 * sign-in at the identity provider (OIDC_ROUTES.reauth). A setpoint refused for want of a fresh
 * sign-in says which in its tRPC error, as `data.reauth` (null: this session cannot, e.g. a display).
 */
export const REAUTH_PATHS = ['password', 'oidc'] as const;
export type ReauthPath = (typeof REAUTH_PATHS)[number];

/** A setpoint needs the user to have proved who they are this recently (ASVS level 3 for commands). */
export const FRESH_AUTH_MS = 5 * 60_000;

/** Sent over Socket.IO just before the server disconnects a screen whose session ended. */
export type SessionEndReason = 'expired' | 'revoked' | 'signed-out';
