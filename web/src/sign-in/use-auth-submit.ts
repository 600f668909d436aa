'use client';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import type { AuthErrorCode } from '../shared/auth-contract';
import { useHydrated } from '../ui/use-hydrated';
import { type AuthFailure, postAuth } from './auth-client';

/**
 * What every sign-in form does with the server: post to one of AUTH_ROUTES, then a full load of
 * `afterSignIn` (so the server sees the new cookie and the console opens its socket signed in), or
 * keep the failure to show. The button stays disabled until hydrated, so an early click never sends
 * a password as a plain form post.
 */
export function useAuthSubmit(afterSignIn: string) {
  const hydrated = useHydrated();
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<AuthFailure | null>(null);

  /** Resolves whether the server said yes (and the page is on its way to `afterSignIn`). */
  async function send(route: string, body: unknown): Promise<boolean> {
    setPending(true);
    setFailure(null);
    const outcome = await postAuth(route, body);
    if (outcome.ok) {
      window.location.assign(afterSignIn);
      return true;
    }
    setPending(false);
    setFailure(outcome.failure);
    return false;
  }

  return { failure, pending, disabled: !hydrated || pending, send };
}

/**
 * The words for a failure: no answer and an answer without a code read the same on every form; a
 * refusal reads as the form says (`refused`), or as unexpected where it returns undefined.
 */
export function useFailureText(refused: (code: AuthErrorCode) => string | undefined) {
  const te = useTranslations('errors');
  return (failure: AuthFailure | null): string | null => {
    if (failure === null) return null;
    if (failure.kind === 'network') return te('network');
    if (failure.kind === 'unexpected') return te('unexpected', { status: failure.status });
    return refused(failure.code) ?? te('unexpected', { status: failure.code });
  };
}
