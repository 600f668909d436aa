import { z } from 'zod';
import { AUTH_ERROR_CODES, type AuthErrorCode } from '../shared/auth-contract';

const AuthErrorBody = z.object({ error: z.enum(AUTH_ERROR_CODES) });

/** Why a sign-in call did not work: the server's code, no answer at all, or an answer without a code. */
export type AuthFailure =
  | { kind: 'refused'; code: AuthErrorCode }
  | { kind: 'network' }
  | { kind: 'unexpected'; status: number };

export type AuthOutcome = { ok: true } | { ok: false; failure: AuthFailure };

/**
 * POSTs JSON to one of AUTH_ROUTES on this origin. The session cookie comes back as a header the
 * page never reads; a screen only needs to know whether it worked, and if not, why.
 */
export async function postAuth(route: string, body: unknown): Promise<AuthOutcome> {
  let response: Response;
  try {
    response = await fetch(route, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  } catch {
    return { ok: false, failure: { kind: 'network' } };
  }
  if (response.ok) return { ok: true };
  const parsed = AuthErrorBody.safeParse(await response.json().catch(() => null));
  return {
    ok: false,
    failure: parsed.success
      ? { kind: 'refused', code: parsed.data.error }
      : { kind: 'unexpected', status: response.status },
  };
}
