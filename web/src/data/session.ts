import { PERMISSIONS, type Permission, type Role, RoleSchema } from '@city/domain';
import { z } from 'zod';
import { AUTH_ROUTES, REAUTH_PATHS, type SessionEndReason, type SessionView } from '../shared/auth-contract';

/** The session as the server sends it, parsed where it enters the browser. */
export const SessionViewSchema = z.object({
  user: z.object({
    name: z.string(),
    displayName: z.string(),
    role: RoleSchema,
    kind: z.enum(['user', 'display']),
  }),
  permissions: z.array(z.enum(PERMISSIONS)),
  expiresAt: z.number(),
  idleExpiresAt: z.number(),
}) satisfies z.ZodType<SessionView>;

/**
 * Who is signed in on this screen. `signed-out` is final for the page: once the server has ended the
 * session (socket 'session-ended', handshake refused, a 401 other than a fresh-sign-in request), only a
 * new sign-in helps, and the screen must say so loudly instead of showing frozen values as if they were live.
 */
export type SessionState =
  | { status: 'loading' }
  | { status: 'signed-in'; view: SessionView }
  /** `view` is who was signed in, when known, so the header can still say it. */
  | { status: 'signed-out'; reason: SessionEndReason; view: SessionView | null }
  /** The session could not be asked for (server unreachable); tried again later. */
  | { status: 'unavailable' };

export type PermissionCheck =
  | { allowed: true }
  | { allowed: false; reason: 'loading' | 'signed-out' }
  | { allowed: false; reason: 'role'; role: Role };

/** Whether the screen may offer a control; the server checks again, this only hides or disables it. */
export function permissionOf(state: SessionState, permission: Permission): PermissionCheck {
  switch (state.status) {
    case 'signed-in':
      return state.view.permissions.includes(permission)
        ? { allowed: true }
        : { allowed: false, reason: 'role', role: state.view.user.role };
    case 'signed-out':
      return { allowed: false, reason: 'signed-out' };
    case 'loading':
    case 'unavailable':
      return { allowed: false, reason: 'loading' };
  }
}

const LOADING: SessionState = { status: 'loading' };
/** setTimeout's longest delay is 2^31-1 ms; a long-lived wall session is re-checked every hour instead. */
const MAX_CHECK_DELAY_MS = 60 * 60_000;
const UNAVAILABLE_RETRY_MS = 10_000;

type Fetch = typeof fetch;

/** The session behind subscribe/getState for useSyncExternalStore; one per browser tab (see `session`). */
export class SessionStore {
  private state: SessionState = LOADING;
  private readonly listeners = new Set<() => void>();
  private check: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly fetchImpl: Fetch = (input, init) => fetch(input, init)) {}

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getState = (): SessionState => this.state;
  /** What server rendering shows: nothing is known about the user before the browser asks. */
  readonly getServerState = (): SessionState => LOADING;

  /**
   * Asks the server who is signed in (GET AUTH_ROUTES.session), and again once the session should
   * have ended by its own timeouts, in case no socket is open to be told.
   */
  async load(): Promise<void> {
    if (this.state.status === 'signed-out') return;
    this.clearCheck();
    let response: Response;
    try {
      response = await this.fetchImpl(AUTH_ROUTES.session, { credentials: 'same-origin', cache: 'no-store' });
    } catch {
      this.settle({ status: 'unavailable' }, UNAVAILABLE_RETRY_MS);
      return;
    }
    if (response.status === 401) {
      this.end('expired');
      return;
    }
    if (!response.ok) {
      this.settle({ status: 'unavailable' }, UNAVAILABLE_RETRY_MS);
      return;
    }
    const parsed = SessionViewSchema.safeParse(await response.json().catch(() => null));
    if (!parsed.success) {
      this.settle({ status: 'unavailable' }, UNAVAILABLE_RETRY_MS);
      return;
    }
    const view = parsed.data;
    // The socket may have reported the end while the answer was on its way.
    if (this.getState().status === 'signed-out') return;
    const endsAt = Math.min(view.expiresAt, view.idleExpiresAt);
    this.settle({ status: 'signed-in', view }, endsAt - Date.now() + 1_000);
  }

  /** The server ended the session; final until the page is left. */
  end(reason: SessionEndReason): void {
    if (this.state.status === 'signed-out') return;
    this.clearCheck();
    const view = this.state.status === 'signed-in' ? this.state.view : null;
    this.set({ status: 'signed-out', reason, view });
  }

  stop(): void {
    this.clearCheck();
  }

  private settle(state: SessionState, recheckInMs: number): void {
    this.set(state);
    const delay = Math.min(Math.max(recheckInMs, 1_000), MAX_CHECK_DELAY_MS);
    this.check = setTimeout(() => void this.load(), delay);
  }

  private clearCheck(): void {
    if (this.check) clearTimeout(this.check);
    this.check = undefined;
  }

  private set(state: SessionState): void {
    this.state = state;
    for (const listener of this.listeners) listener();
  }
}

/** This tab's session. The socket and the tRPC client report to it; React reads it through use-session. */
export const session = new SessionStore();

/** For the socket and tRPC client: the server said this screen's session is over. */
export function reportSignedOut(reason: SessionEndReason): void {
  if (typeof window === 'undefined') return;
  session.end(reason);
}

/**
 * Whether a 401 means the session is over. The server also answers 401 when a high-risk command
 * (a setpoint) needs a fresh sign-in: the session stands, and the error names the way to give one
 * (`reauth`: 'password' or 'oidc'; tRPC puts it in `error.data`, the sign-in routes at the top level).
 * Only a 401 whose every error carries that marker leaves the session alone; anything else (no JSON
 * body, a plain "sign in first") ends it.
 */
export async function endsSession(response: Response): Promise<boolean> {
  if (response.status !== 401) return false;
  const body: unknown = await response
    .clone()
    .json()
    .catch(() => null);
  // httpBatchLink answers an array, one result per call; httpLink and the sign-in routes one object.
  const errors = Array.isArray(body) ? body : [body];
  return errors.length === 0 || !errors.every(asksForFreshSignIn);
}

function asksForFreshSignIn(body: unknown): boolean {
  if (typeof body !== 'object' || body === null) return false;
  const { reauth, error } = body as { reauth?: unknown; error?: { data?: { reauth?: unknown } } };
  const marker = typeof error === 'object' && error !== null ? error.data?.reauth : reauth;
  return (REAUTH_PATHS as readonly unknown[]).includes(marker);
}

/**
 * fetch for calls that need a session: a 401 that ends the session signs the screen out loudly
 * instead of failing silently; a 401 asking for a fresh sign-in is left to the caller (the setpoint
 * dialog asks for the password).
 */
export function sessionFetch(
  fetchImpl: Fetch = (input, init) => fetch(input, init),
  onSignedOut: (reason: SessionEndReason) => void = reportSignedOut,
): Fetch {
  return async (input, init) => {
    const response = await fetchImpl(input, init);
    if (await endsSession(response)) onSignedOut('expired');
    return response;
  };
}

export const fetchWithSession = sessionFetch();
