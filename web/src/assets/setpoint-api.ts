'use client';
import { createTRPCClient, httpLink } from '@trpc/client';
import { session } from '../data/session';
import type { AppRouter } from '../server/trpc/router';
import { AUTH_ROUTES, OIDC_ROUTES } from '../shared/auth-contract';
import { TRPC_PATH } from '../shared/contract';

/**
 * The tab's tRPC client treats every 401 as "signed out". A setpoint's 401 usually means "prove it is
 * you again" (fresh-auth, with `data.reauth`), so commands go through this client, which asks the
 * session route whether the session really ended instead of ending it on the spot.
 */
async function fetchCheckingSession(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const response = await fetch(input, init);
  if (response.status === 401) void session.load();
  return response;
}

export function createCommandClient() {
  return createTRPCClient<AppRouter>({ links: [httpLink({ url: TRPC_PATH, fetch: fetchCheckingSession })] });
}

export type PasswordConfirmation = 'confirmed' | 'refused' | 'oidc' | 'failed';

/** POST the password to the confirm route: the session counts as freshly signed in for setpoints. */
export async function confirmPassword(password: string): Promise<PasswordConfirmation> {
  try {
    const response = await fetch(AUTH_ROUTES.confirm, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ password }),
    });
    if (response.ok) return 'confirmed';
    if (response.status === 401) return 'refused';
    const body = (await response.json().catch(() => null)) as { reauth?: string } | null;
    return body?.reauth === 'oidc' ? 'oidc' : 'failed';
  } catch {
    return 'failed';
  }
}

/** Leaves for the identity provider's fresh sign-in, and comes back to this page. */
export function reauthenticateAtProvider(): void {
  const next = `${window.location.pathname}${window.location.search}`;
  window.location.assign(`${OIDC_ROUTES.reauth}?next=${encodeURIComponent(next)}`);
}
