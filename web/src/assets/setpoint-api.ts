'use client';
import { AUTH_ROUTES, OIDC_ROUTES } from '../shared/auth-contract';

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
