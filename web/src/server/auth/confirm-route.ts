import type { IncomingMessage, ServerResponse } from 'node:http';
import { findUserById, recordAudit } from '@city/db';
import { z } from 'zod';
import { OIDC_ROUTES, type ReauthPath } from '../../shared/auth-contract';
import { checkRequest, refuse } from './auth-http';
import type { AuthRoutesDeps } from './auth-routes';
import { reauthPath } from './fresh-auth';
import { auditActor } from './principal';
import { provePassword } from './prove-password';

const ConfirmBody = z.strictObject({ password: z.string().max(1_000) });

/**
 * AUTH_ROUTES.confirm: the signed-in person types their password again and the session counts as
 * freshly authenticated (for setpoints). Who is confirming comes from the session only; the password
 * goes through the same throttled check as a sign-in, so a stolen cookie cannot guess it any faster.
 */
export async function confirmPassword(
  deps: AuthRoutesDeps,
  req: IncomingMessage,
  res: ServerResponse,
  body: unknown,
): Promise<void> {
  const check = await checkRequest(deps.sessions, req);
  if (!check.ok) return refuse(res, 401, 'signed-out', `no session (${check.reason})`);
  const parsed = ConfirmBody.safeParse(body);
  if (!parsed.success) return refuse(res, 400, 'bad-request', 'send {"password": "…"}');
  const { principal } = check;
  const account = await findUserById(deps.db, principal.userId);
  const path = account ? reauthPath(account) : null;
  if (path !== 'password') return refuseUnavailable(res, path);

  const origin = deps.guard.originOf(req);
  const address = origin.address ?? 'unknown';
  const by = auditActor(principal, origin);
  const details = { via: 'password' };
  const user = await provePassword(deps, principal.user.name, parsed.data.password, address);
  if (user?.id !== principal.userId) {
    deps.logger.info(
      { code: 'WEB_CONFIRM_FAILED', name: principal.user.name, address },
      'password confirmation refused',
    );
    // Audited, unlike a failed sign-in: this one comes from a live session, which someone may have stolen.
    await recordAudit(deps.db, {
      by,
      action: 'session.reauth-refused',
      target: principal.user.name,
      details,
    });
    return refuse(res, 401, 'confirm-failed', 'the password is wrong');
  }
  await deps.db.transaction(async (tx) => {
    await deps.sessions.markFresh(principal, tx);
    await recordAudit(tx, { by, action: 'session.reauth', target: user.name, details });
  });
  res.writeHead(204).end();
}

/** A session with no password of its own: say which way works instead, if any does. */
function refuseUnavailable(res: ServerResponse, path: ReauthPath | null): void {
  const message =
    path === 'oidc'
      ? `this account signs in through the identity provider: confirm there, via ${OIDC_ROUTES.reauth}?next=<path>`
      : 'this session has no password to confirm (a wall display, or an account without one)';
  refuse(res, 403, 'confirm-unavailable', message, path ? { reauth: path } : {});
}
