import type { IncomingMessage, ServerResponse } from 'node:http';
import { findUserByOidc, type Queryable, recordAudit } from '@city/db';
import type { Role } from '@city/domain';
import { LOGIN_PAGE, OIDC_ROUTES, type SsoRefusal } from '../../shared/auth-contract';
import { safeNextPath } from '../../sign-in/next-path';
import { type AuthRoutesDeps, checkRequest, SESSION_COOKIE } from './auth-routes';
import { claimedName, ssoAccount, ssoActor } from './oidc-accounts';
import { OidcClient, type OidcIdentity, type PendingSignIn } from './oidc-client';
import { readPending, writePending } from './oidc-flow-cookie';
import { mapRole, type OidcOptions } from './oidc-options';
import { auditActor, type RequestOrigin } from './principal';
import { sessionCookie } from './tokens';

/** A session whose provider did not say when its user signed in there: it never counts as fresh. */
const NEVER_FRESH = new Date(0);

/**
 * Single sign-on routes: start, re-authenticate, and the provider's return. A sign-in ends exactly as
 * a password sign-in does (our own session and cookie, audited in the same transaction); the
 * provider's tokens are checked and then dropped, since nothing here calls an API with them.
 */
export class OidcRoutes {
  private readonly client: OidcClient;

  constructor(
    private readonly deps: AuthRoutesDeps,
    private readonly options: OidcOptions,
    publicUrl: string,
  ) {
    this.client = new OidcClient(options, publicUrl);
  }

  get displayName(): string {
    return this.options.displayName;
  }

  /** Serves OIDC_ROUTES; answers false for any other path. */
  async handle(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<boolean> {
    const route = Object.entries(OIDC_ROUTES).find(([, path]) => path === pathname)?.[0];
    if (!route) return false;
    if (req.method !== 'GET') {
      res.writeHead(405, { allow: 'GET', 'content-type': 'text/plain' }).end('GET only\n');
      return true;
    }
    const query = new URL(req.url ?? '/', 'http://request.invalid').searchParams;
    if (route === 'callback') await this.callback(req, res, query);
    else await this.begin(req, res, safeNextPath(query.get('next') ?? undefined), route === 'reauth');
    return true;
  }

  private async begin(req: IncomingMessage, res: ServerResponse, next: string, reauth: boolean) {
    let session: string | null = null;
    if (reauth) {
      const check = await checkRequest(this.deps.sessions, req);
      if (!check.ok) return redirect(res, `${LOGIN_PAGE}?next=${encodeURIComponent(next)}`);
      session = check.principal.idHash.toString('hex');
    }
    try {
      const { url, pending } = await this.client.begin(next, session);
      redirect(res, url.href, writePending(pending, this.deps.guard.secure));
    } catch (error) {
      this.deps.logger.error(
        { code: 'WEB_SSO_UNAVAILABLE', err: error },
        'the identity provider cannot be reached',
      );
      this.refuse(res, 'failed');
    }
  }

  private async callback(req: IncomingMessage, res: ServerResponse, query: URLSearchParams) {
    const pending = readPending(req, this.deps.guard.secure);
    if (!pending) {
      this.deps.logger.info(
        { code: 'WEB_SSO_FAILED' },
        'sign-in return without one under way (expired, or another tab)',
      );
      return this.refuse(res, 'failed');
    }
    let identity: OidcIdentity;
    try {
      identity = await this.client.finish(query, pending);
    } catch (error) {
      // A forged or replayed return (state, nonce, code, PKCE) lands here, as does a provider's error.
      this.deps.logger.warn({ code: 'WEB_SSO_FAILED', err: error }, 'single sign-on return refused');
      return this.refuse(res, 'failed');
    }
    if (pending.reauth) await this.reauthenticated(req, res, identity, pending);
    else await this.signIn(req, res, identity, pending.next);
  }

  private async signIn(req: IncomingMessage, res: ServerResponse, identity: OidcIdentity, next: string) {
    const { db, guard } = this.deps;
    const origin = guard.originOf(req);
    const { role, values } = mapRole(identity.claims, this.options);
    // Never a default role: a person the city's directory gave none of ours gets nothing here.
    if (!role) return this.refuseUnmapped(res, identity, origin, values);
    const signedIn = await db.transaction((tx) => this.openSession(tx, identity, role, origin));
    if (!signedIn) return this.refuse(res, 'disabled');
    const maxAgeS = (signedIn.principal.expiresAt - Date.now()) / 1000;
    continueTo(res, next, [
      writePending(null, guard.secure),
      sessionCookie(SESSION_COOKIE, signedIn.token, { secure: guard.secure, maxAgeS }),
    ]);
  }

  /** The account (created or updated), its session and the audit rows, in the caller's transaction; undefined if disabled. */
  private async openSession(tx: Queryable, identity: OidcIdentity, role: Role, origin: RequestOrigin) {
    const details = ssoDetails(identity);
    const user = await ssoAccount(tx, identity, role, origin);
    if (user.disabled || user.kind !== 'user') {
      const by = ssoActor(user.name, origin, user.id, user.role);
      await recordAudit(tx, {
        by,
        action: 'session.refused',
        target: user.name,
        details: { ...details, reason: 'disabled' },
      });
      return undefined;
    }
    const started = await this.deps.sessions.start(user, origin, tx);
    // Fresh for setpoints only if the person typed their password at the provider just now.
    await this.deps.sessions.markFresh(started.principal, tx, identity.authTime ?? NEVER_FRESH);
    const by = auditActor(started.principal, origin);
    await recordAudit(tx, { by, action: 'session.login', target: user.name, details });
    return started;
  }

  private async refuseUnmapped(
    res: ServerResponse,
    identity: OidcIdentity,
    origin: RequestOrigin,
    values: string[],
  ) {
    const claim = { [this.options.roleClaim]: values };
    await recordAudit(this.deps.db, {
      by: ssoActor(claimedName(identity), origin),
      action: 'session.refused',
      target: claimedName(identity),
      details: { ...ssoDetails(identity), reason: 'no-role', claim },
    });
    this.deps.logger.info(
      { code: 'WEB_SSO_NO_ROLE', subject: identity.subject, claim },
      'single sign-on: no role mapped',
    );
    this.refuse(res, 'no-role');
  }

  /** A fresh sign-in for the session that asked: only if the provider vouched for that session's own user. */
  private async reauthenticated(
    req: IncomingMessage,
    res: ServerResponse,
    identity: OidcIdentity,
    pending: PendingSignIn,
  ) {
    const { db, sessions, guard } = this.deps;
    const origin = guard.originOf(req);
    const principal = await sessions.find(Buffer.from(pending.reauth ?? '', 'hex'));
    if (!principal)
      return redirect(
        res,
        `${LOGIN_PAGE}?next=${encodeURIComponent(pending.next)}`,
        writePending(null, guard.secure),
      );
    const user = await findUserByOidc(db, identity.issuer, identity.subject);
    const by = auditActor(principal, origin);
    const details = ssoDetails(identity);
    if (user?.id !== principal.userId) {
      await recordAudit(db, { by, action: 'session.reauth-refused', target: claimedName(identity), details });
      return this.refuse(res, 'other-user');
    }
    await db.transaction(async (tx) => {
      await sessions.markFresh(principal, tx, identity.authTime ?? NEVER_FRESH);
      await recordAudit(tx, { by, action: 'session.reauth', target: user.name, details });
    });
    continueTo(res, pending.next, [writePending(null, this.deps.guard.secure)]);
  }

  private refuse(res: ServerResponse, reason: SsoRefusal): void {
    redirect(res, `${LOGIN_PAGE}?sso=${reason}`, writePending(null, this.deps.guard.secure));
  }
}

/** What every single sign-on audit row says about where the person came from. */
function ssoDetails(identity: OidcIdentity) {
  return { via: 'oidc', issuer: identity.issuer, subject: identity.subject };
}

function redirect(res: ServerResponse, location: string, cookie?: string): void {
  res
    .writeHead(303, { location, 'cache-control': 'no-store', ...(cookie ? { 'set-cookie': cookie } : {}) })
    .end();
}

/**
 * Goes on to `next` through a page of ours rather than a redirect. The browser came here from the
 * provider's site, and our session cookie is SameSite=Strict: a redirect would still count as that
 * cross-site navigation, arrive without the cookie and land on the login page. A navigation that
 * this page starts is same-site, so the cookie goes with it. (CSP does not govern meta refresh.)
 */
function continueTo(res: ServerResponse, next: string, cookies: string[]): void {
  const href = next.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  res
    .writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'set-cookie': cookies,
    })
    .end(
      `<!doctype html><meta http-equiv="refresh" content="0;url=${href}"><title>…</title><a href="${href}">Continue · Doorgaan</a>\n`,
    );
}
