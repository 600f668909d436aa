import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type Database,
  findUserById,
  type Queryable,
  recordAudit,
  redeemAccessCode,
  setPasswordHash,
  type UserRecord,
} from '@city/db';
import { PasswordSchema, UserNameSchema } from '@city/domain';
import type { Logger } from 'pino';
import { z } from 'zod';
import { AUTH_ROUTES, type SessionView } from '../../shared/auth-contract';
import { AccountExistsError, insertAccount, prepareAccount } from './accounts';
import { checkRequest, readJson, refuse, SESSION_COOKIE, send } from './auth-http';
import { confirmPassword } from './confirm-route';
import { acceptInvitation } from './invitation';
import type { LoginThrottle } from './login-throttle';
import { hashPassword } from './passwords';
import {
  actorWithoutSession,
  auditActor,
  type Principal,
  permissionsOf,
  type RequestOrigin,
} from './principal';
import { provePassword } from './prove-password';
import type { RequestGuard } from './request-guard';
import type { SessionService } from './sessions';
import { hashToken, sessionCookie } from './tokens';

// Here for the modules that have always imported them from the sign-in routes.
export { checkRequest, SESSION_COOKIE } from './auth-http';

const LoginBody = z.strictObject({ name: z.string().max(200), password: z.string().max(1_000) });
const SetupBody = z.strictObject({
  token: z.string().max(200),
  name: UserNameSchema,
  password: PasswordSchema,
});
const PasswordBody = z.strictObject({ currentPassword: z.string().max(1_000), newPassword: PasswordSchema });
const PairBody = z.strictObject({ code: z.string().trim().toUpperCase().max(20) });

export interface AuthRoutesDeps {
  db: Database;
  sessions: SessionService;
  throttle: LoginThrottle;
  guard: RequestGuard;
  logger: Logger;
}

export function sessionView(principal: Principal): SessionView {
  return {
    user: principal.user,
    permissions: permissionsOf(principal),
    expiresAt: principal.expiresAt,
    idleExpiresAt: principal.idleExpiresAt,
  };
}

/** Serves AUTH_ROUTES; answers true when the path was one of them. */
export async function handleAuthRoute(
  deps: AuthRoutesDeps,
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
): Promise<boolean> {
  const route = Object.entries(AUTH_ROUTES).find(([, path]) => path === pathname)?.[0];
  if (!route) return false;
  if (route === 'session') {
    if (req.method !== 'GET') {
      refuse(res, 405, 'bad-request', 'GET only');
      return true;
    }
    const check = await checkRequest(deps.sessions, req);
    if (!check.ok) refuse(res, 401, 'signed-out', `no session (${check.reason})`);
    else send(res, 200, sessionView(check.principal));
    return true;
  }
  if (req.method !== 'POST') {
    refuse(res, 405, 'bad-request', 'POST only');
    return true;
  }
  const body = await readJson(req);
  switch (route) {
    case 'login':
      await login(deps, req, res, body);
      return true;
    case 'logout':
      await logout(deps, req, res);
      return true;
    case 'setup':
      await setup(deps, req, res, body);
      return true;
    case 'password':
      await changePassword(deps, req, res, body);
      return true;
    case 'pair':
      await pair(deps, req, res, body);
      return true;
    case 'confirm':
      await confirmPassword(deps, req, res, body);
      return true;
    default:
      return false;
  }
}

async function login(deps: AuthRoutesDeps, req: IncomingMessage, res: ServerResponse, body: unknown) {
  const parsed = LoginBody.safeParse(body);
  if (!parsed.success) return refuse(res, 400, 'bad-request', 'send {"name": "…", "password": "…"}');
  const origin = deps.guard.originOf(req);
  const name = parsed.data.name.trim().toLowerCase();
  const address = origin.address ?? 'unknown';
  const user = await provePassword(deps, name, parsed.data.password, address);
  if (!user) {
    deps.logger.info({ code: 'WEB_LOGIN_FAILED', name, address }, 'sign-in refused');
    return refuse(res, 401, 'login-failed', 'wrong name or password');
  }
  await startSession(deps, res, user, origin, 'session.login');
}

/** Signs a proven user (or a paired display) in: the session and its audit row in one transaction, then the cookie. */
async function startSession(
  deps: AuthRoutesDeps,
  res: ServerResponse,
  user: UserRecord,
  origin: RequestOrigin,
  action: string,
): Promise<void> {
  const signedIn = await deps.db.transaction((tx) => openAudited(deps, tx, user, origin, action));
  respondSignedIn(deps, res, signedIn);
}

async function openAudited(
  deps: AuthRoutesDeps,
  tx: Queryable,
  user: UserRecord,
  origin: RequestOrigin,
  action: string,
) {
  const signedIn = await deps.sessions.start(user, origin, tx);
  await recordAudit(tx, { by: auditActor(signedIn.principal, origin), action, target: user.name });
  return signedIn;
}

function respondSignedIn(
  deps: AuthRoutesDeps,
  res: ServerResponse,
  { token, principal }: { token: string; principal: Principal },
) {
  const maxAgeS = (principal.expiresAt - Date.now()) / 1000;
  res.setHeader('Set-Cookie', sessionCookie(SESSION_COOKIE, token, { secure: deps.guard.secure, maxAgeS }));
  send(res, 200, sessionView(principal));
}

async function logout(deps: AuthRoutesDeps, req: IncomingMessage, res: ServerResponse) {
  const check = await checkRequest(deps.sessions, req);
  if (check.ok) {
    const { principal } = check;
    const by = auditActor(principal, deps.guard.originOf(req));
    await deps.db.transaction(async (tx) => {
      await deps.sessions.end(principal, 'signed out', tx);
      await recordAudit(tx, { by, action: 'session.logout', target: principal.user.name });
    });
  }
  res.setHeader('Set-Cookie', sessionCookie(SESSION_COOKIE, '', { secure: deps.guard.secure, maxAgeS: 0 }));
  res.writeHead(204).end();
}

/** A setup link that was used, has expired or never existed; nothing of the setup is kept. */
class SetupRefused extends Error {}

async function setup(deps: AuthRoutesDeps, req: IncomingMessage, res: ServerResponse, body: unknown) {
  const parsed = SetupBody.safeParse(body);
  if (!parsed.success) return refuse(res, 400, 'bad-request', z.prettifyError(parsed.error));
  const { token, name, password } = parsed.data;
  const origin = deps.guard.originOf(req);
  const prepared = await prepareAccount({ name, password, role: 'admin' });
  try {
    // One transaction: the link is used up only if the admin, its audit rows and its session all are.
    const signedIn = await deps.db.transaction(async (tx) => {
      if (!(await redeemAccessCode(tx, hashToken(token), 'setup'))) {
        // Not the first admin's link: an invitation to an account an admin created, or nothing.
        const invited = await acceptInvitation(tx, hashToken(token), name, prepared.passwordHash, origin);
        if (!invited) throw new SetupRefused();
        return openAudited(deps, tx, invited, origin, 'session.login');
      }
      const by = { ...actorWithoutSession(name, origin), role: 'admin' };
      const user = await insertAccount(tx, prepared, by);
      return openAudited(deps, tx, user, origin, 'session.login');
    });
    respondSignedIn(deps, res, signedIn);
  } catch (error) {
    if (error instanceof SetupRefused)
      return refuse(res, 403, 'setup-invalid', 'this setup link was used, has expired, or never existed');
    if (error instanceof AccountExistsError) return refuse(res, 400, 'bad-request', error.message);
    throw error;
  }
}

async function changePassword(
  deps: AuthRoutesDeps,
  req: IncomingMessage,
  res: ServerResponse,
  body: unknown,
) {
  const check = await checkRequest(deps.sessions, req);
  if (!check.ok) return refuse(res, 401, 'signed-out', `no session (${check.reason})`);
  const parsed = PasswordBody.safeParse(body);
  if (!parsed.success) return refuse(res, 400, 'password-rejected', z.prettifyError(parsed.error));
  const { principal } = check;
  const origin = deps.guard.originOf(req);
  // Throttled like a sign-in: otherwise a stolen session cookie could guess the password here.
  const user = await provePassword(
    deps,
    principal.user.name,
    parsed.data.currentPassword,
    origin.address ?? 'unknown',
  );
  if (user?.id !== principal.userId)
    return refuse(res, 403, 'password-rejected', 'the current password is wrong');
  const passwordHash = await hashPassword(parsed.data.newPassword);
  const by = auditActor(principal, origin);
  await deps.db.transaction(async (tx) => {
    await setPasswordHash(tx, user.id, passwordHash);
    const ended = await deps.sessions.endAllOf(user.id, 'password changed', principal, tx);
    await deps.sessions.markFresh(principal, tx);
    await recordAudit(tx, {
      by,
      action: 'user.password',
      target: user.name,
      details: { sessionsEnded: ended },
    });
  });
  res.writeHead(204).end();
}

async function pair(deps: AuthRoutesDeps, req: IncomingMessage, res: ServerResponse, body: unknown) {
  const parsed = PairBody.safeParse(body);
  if (!parsed.success) return refuse(res, 400, 'bad-request', 'send {"code": "…"}');
  const origin = deps.guard.originOf(req);
  const wait = deps.throttle.reserve('pairing', origin.address ?? 'unknown');
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  const signedIn = await deps.db.transaction(async (tx) => {
    const used = await redeemAccessCode(tx, hashToken(parsed.data.code), 'pairing');
    const display = used?.userId != null ? await findUserById(tx, used.userId) : undefined;
    if (display?.kind !== 'display' || display.disabled) return undefined;
    return openAudited(deps, tx, display, origin, 'display.pair');
  });
  if (!signedIn)
    return refuse(res, 403, 'pairing-invalid', 'this pairing code was used, has expired, or never existed');
  respondSignedIn(deps, res, signedIn);
}
