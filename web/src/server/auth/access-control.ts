import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Database } from '@city/db';
import type { Logger } from 'pino';
import { AUTH_PATH, LOGIN_PAGE, PAIR_PAGE, SETUP_PAGE, SSO_NAME_HEADER } from '../../shared/auth-contract';
import type { ScreenAccess } from '../realtime/screen-access';
import { type AccessOptions, DEFAULT_SESSION_POLICY } from './access-options';
import { issueSetupLink } from './accounts';
import { type AuthRoutesDeps, checkRequest, handleAuthRoute } from './auth-routes';
import { LoginThrottle } from './login-throttle';
import { OidcRoutes } from './oidc-routes';
import { RequestGuard } from './request-guard';
import { SessionService } from './sessions';

/** Pages anyone may load: the sign-in pages and what they are built from. */
const OPEN_PAGES = [LOGIN_PAGE, SETUP_PAGE, PAIR_PAGE];
const OPEN_PREFIXES = ['/_next/', '/favicon', '/icon.svg', '/basemap/'];

/** Everything the web server needs to know who is asking and whether they may: one per server. */
export class AccessControl {
  readonly sessions: SessionService;
  readonly guard: RequestGuard;
  private readonly throttle = new LoginThrottle();
  private readonly deps: AuthRoutesDeps;
  private readonly oidc: OidcRoutes | undefined;

  constructor(
    private readonly db: Database,
    private readonly options: AccessOptions & { dev?: boolean; mapOrigins?: readonly string[] | undefined },
    private readonly logger: Logger,
  ) {
    this.sessions = new SessionService(db, { ...DEFAULT_SESSION_POLICY, ...options.sessions });
    this.guard = new RequestGuard(options);
    this.deps = { db, sessions: this.sessions, throttle: this.throttle, guard: this.guard, logger };
    if (options.oidc && !options.publicUrl)
      throw new Error(
        'WEB_SSO_NO_PUBLIC_URL: single sign-on needs access.publicUrl (PUBLIC_URL) for its redirect URI',
      );
    this.oidc =
      options.oidc && options.publicUrl
        ? new OidcRoutes(this.deps, options.oidc, options.publicUrl)
        : undefined;
  }

  /**
   * The checks before any route: a foreign Host gets 403, a POST from another site 403. Answers
   * false when it has answered the request itself.
   */
  admit(req: IncomingMessage, res: ServerResponse, isPage: boolean): boolean {
    if (!this.guard.hostAllowed(req)) {
      this.logger.warn({ host: req.headers.host }, 'refused a request for a host that is not ours');
      res
        .writeHead(403, { 'content-type': 'text/plain' })
        .end('unknown host: add it to ALLOWED_HOSTS or PUBLIC_URL\n');
      return false;
    }
    this.guard.secureHeaders(res, isPage ? req : undefined);
    const changes = req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'OPTIONS';
    if (changes && !this.guard.sameSite(req)) {
      res.writeHead(403, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          error: 'forbidden-origin',
          message: 'requests that change something must come from the control room itself',
        }),
      );
      return false;
    }
    return true;
  }

  handleAuth(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<boolean> {
    if (this.oidc && pathname.startsWith(`${AUTH_PATH}/oidc/`)) return this.oidc.handle(req, res, pathname);
    return handleAuthRoute(this.deps, req, res, pathname);
  }

  /** Sends a signed-out browser to the sign-in page; answers false when it did. */
  async pageAllowed(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<boolean> {
    // The login page draws its single sign-on button from this; a browser's own value never gets through.
    delete req.headers[SSO_NAME_HEADER];
    if (this.oidc) req.headers[SSO_NAME_HEADER] = encodeURIComponent(this.oidc.displayName);
    if (OPEN_PAGES.includes(pathname) || OPEN_PREFIXES.some((prefix) => pathname.startsWith(prefix)))
      return true;
    const check = await checkRequest(this.sessions, req);
    if (check.ok) return true;
    const next = encodeURIComponent(req.url ?? '/');
    res.writeHead(303, { location: `${LOGIN_PAGE}?next=${next}`, 'cache-control': 'no-store' }).end();
    return false;
  }

  readonly screens: ScreenAccess = {
    requestAllowed: (request) =>
      this.guard.hostAllowed(request) &&
      (request.headers.origin === undefined || this.guard.originAllowed(request)),
    identify: (request) => checkRequest(this.sessions, request),
    ended: (idHashes) => this.sessions.ended(idHashes),
  };

  /**
   * On first start (no accounts), logs the one-time link for the first admin, under PUBLIC_URL or the
   * given base. Test harnesses read the "setup link:" line.
   */
  async announceSetupLink(baseUrl: string): Promise<void> {
    const link = await issueSetupLink(this.db, this.options.publicUrl ?? baseUrl);
    if (link)
      this.logger.warn(`setup link: ${link} (one-time, valid for 1 hour: create the first admin there)`);
  }

  close(): Promise<void> {
    return this.sessions.close();
  }
}
