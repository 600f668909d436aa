import { listAudit, markAuthenticated, setUserDisabled, upsertChannels } from '@city/db';
import { createTestDatabase, seedChannels, type TestDatabase } from '@city/db/testing';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTH_ROUTES, OIDC_ROUTES } from '../../shared/auth-contract';
import { type RunningWebServer, startWebServer } from '../web-server';
import { SESSION_COOKIE } from './auth-routes';
import { parseRoleMap } from './oidc-options';
import { freePort, type Page, startTestProvider, TestBrowser, type TestProvider } from './oidc-testing';
import { postJson } from './testing';
import { hashToken } from './tokens';

/** Single sign-on against a real OpenID provider on loopback: the whole code flow over HTTP, as a browser walks it. */
describe('single sign-on with OpenID Connect, against oidc-provider and PostgreSQL', () => {
  let target: TestDatabase;
  let provider: TestProvider;
  let server: RunningWebServer;
  let base: string;
  const atCallback = (next: URL) => next.pathname === OIDC_ROUTES.callback;

  beforeAll(async () => {
    target = await createTestDatabase('postgres');
    const [dim] = await seedChannels(target.db, 'sso-acl', ['dim-level']);
    if (!dim) throw new Error('no channel seeded');
    // The range a setpoint may take (writeRange) is being added beside this work; a server without it ignores it.
    const range: [number, number] = [0, 100];
    const writable = { ...dim, writable: true, displayRange: range, writeRange: range };
    await upsertChannels(target.db, [writable]);
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    provider = await startTestProvider(`${base}${OIDC_ROUTES.callback}`, [
      { login: 'jan.engineer', name: 'Jan de Vries', roles: ['city-users', 'city-engineers'] },
      { login: 'piet.visitor', name: 'Piet Bakker', roles: ['city-visitors'] },
      { login: 'kees.engineer', name: 'Kees Jansen', roles: ['city-engineers'] },
    ]);
    server = await startWebServer({
      db: target.db,
      port,
      host: '127.0.0.1',
      pages: false,
      logger: pino({ level: 'silent' }),
      access: {
        publicUrl: base,
        oidc: {
          issuer: provider.issuer,
          clientId: provider.clientId,
          clientSecret: provider.clientSecret,
          roleClaim: 'roles',
          roleMap: parseRoleMap('city-users=viewer,city-engineers=engineer,city-admins=admin'),
          scopes: 'openid profile roles',
          displayName: 'Gemeente ID',
        },
      },
    });
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await provider?.close();
    await target?.drop();
  });

  /** From the start route through the provider's login (and consent, the first time) to where it leads. */
  async function signInThroughProvider(
    browser: TestBrowser,
    login: string,
    route: string,
    stop?: (next: URL) => boolean,
  ) {
    const loginForm = await browser.go(`${base}${route}?next=${encodeURIComponent('/assets/sso-acl')}`);
    expect(loginForm.body).toContain('name="login"');
    let page: Page = await browser.submit(loginForm, { login, password: 'anything' }, stop);
    // Then the provider's consent (the first time), or its page that ends another person's session there.
    for (
      let step = 0;
      step < 3 && page.url.startsWith(provider.issuer) && page.body.includes('<form');
      step++
    )
      page = await browser.submit(page, {}, stop);
    return page;
  }

  const sessionOf = async (browser: TestBrowser) => {
    const cookie = browser.cookie(base, SESSION_COOKIE);
    const response = await fetch(`${base}${AUTH_ROUTES.session}`, {
      headers: cookie ? { cookie: `${SESSION_COOKIE}=${cookie}` } : {},
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown>, cookie };
  };

  it('signs an engineer in through the provider: a session with role engineer, linked account, audit row', async () => {
    const browser = new TestBrowser();
    const landed = await signInThroughProvider(browser, 'jan.engineer', OIDC_ROUTES.start);
    // Our page after the interstitial: with pages off, a signed-in browser gets the "pages are off" 404, not /login.
    expect(landed.url).toBe(`${base}/assets/sso-acl`);
    expect(landed.status).toBe(404);
    const session = await sessionOf(browser);
    expect(session.status).toBe(200);
    expect(session.body).toMatchObject({
      user: { name: 'jan.engineer', displayName: 'Jan de Vries', role: 'engineer', kind: 'user' },
    });
    const logins = await listAudit(target.db, { action: 'session.login' });
    expect(logins.find((row) => row.target === 'jan.engineer')).toMatchObject({
      role: 'engineer',
      details: { via: 'oidc', issuer: provider.issuer, subject: 'jan.engineer' },
    });
    const created = await listAudit(target.db, { action: 'user.create' });
    expect(created.map((row) => row.target)).toContain('jan.engineer');
    // The state, nonce and verifier are used up: the flow cookie is gone.
    expect(browser.cookie(base, 'city_oidc')).toBeUndefined();
  });

  it('refuses a person whose claims map to no role: no session, an audit row, the reason on the login page', async () => {
    const browser = new TestBrowser();
    const landed = await signInThroughProvider(browser, 'piet.visitor', OIDC_ROUTES.start);
    expect(landed.url).toBe(`${base}/login?sso=no-role`);
    expect(browser.cookie(base, SESSION_COOKIE)).toBeUndefined();
    expect((await sessionOf(browser)).status).toBe(401);
    const refused = await listAudit(target.db, { action: 'session.refused' });
    expect(refused[0]).toMatchObject({
      target: 'piet.visitor',
      details: { reason: 'no-role', claim: { roles: ['city-visitors'] } },
    });
    const created = await listAudit(target.db, { action: 'user.create' });
    expect(created.map((row) => row.target)).not.toContain('piet.visitor');
  });

  it('refuses a return whose state was tampered with, and the untouched one cannot be replayed after', async () => {
    const browser = new TestBrowser();
    const atUs = await signInThroughProvider(browser, 'jan.engineer', OIDC_ROUTES.start, atCallback);
    const callback = new URL(atUs.url);
    expect(callback.searchParams.get('code')).toBeTruthy();
    const tampered = new URL(callback);
    tampered.searchParams.set('state', `${callback.searchParams.get('state')}x`);
    const refused = await browser.go(tampered.href);
    expect(refused.url).toBe(`${base}/login?sso=failed`);
    expect(browser.cookie(base, SESSION_COOKIE)).toBeUndefined();
    // The refusal cleared the sign-in under way, so the genuine return is refused as well.
    const replayed = await browser.go(callback.href);
    expect(replayed.url).toBe(`${base}/login?sso=failed`);
    expect(browser.cookie(base, SESSION_COOKIE)).toBeUndefined();
  });

  it('lets a setpoint through again after a re-authentication at the provider (prompt=login)', async () => {
    const browser = new TestBrowser();
    await signInThroughProvider(browser, 'jan.engineer', OIDC_ROUTES.start);
    const token = browser.cookie(base, SESSION_COOKIE);
    if (!token) throw new Error('not signed in');
    const setpoint = () =>
      postJson(
        `${base}/api/trpc/assets.setpoint`,
        { channelId: 'sso-acl/dim-level', value: 40 },
        { origin: base, cookie: `${SESSION_COOKIE}=${token}` },
      );
    expect((await setpoint()).status).toBe(200);
    // Ten minutes on: the sign-in is no longer fresh (the session service believes a check for 2 s).
    await markAuthenticated(target.db, hashToken(token), new Date(Date.now() - 10 * 60_000));
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    const stale = await setpoint();
    expect(stale.status).toBe(401);
    expect(stale.body).toContain('fresh-auth');

    // The provider asks for the password again even though its own session is still open.
    const again = await signInThroughProvider(browser, 'jan.engineer', OIDC_ROUTES.reauth);
    expect(again.url).toBe(`${base}/assets/sso-acl`);
    expect(browser.cookie(base, SESSION_COOKIE)).toBe(token);
    expect((await setpoint()).status).toBe(200);
    expect(await listAudit(target.db, { action: 'session.reauth' })).toHaveLength(1);
  });

  it('refuses an account disabled here, whatever the provider says', async () => {
    await signInThroughProvider(new TestBrowser(), 'kees.engineer', OIDC_ROUTES.start);
    await setUserDisabled(target.db, 'kees.engineer', true);
    const browser = new TestBrowser();
    const landed = await signInThroughProvider(browser, 'kees.engineer', OIDC_ROUTES.start);
    expect(landed.url).toBe(`${base}/login?sso=disabled`);
    expect(browser.cookie(base, SESSION_COOKIE)).toBeUndefined();
    await setUserDisabled(target.db, 'kees.engineer', false);
  });

  it('refuses a re-authentication as someone else: the session stays as it was', async () => {
    const browser = new TestBrowser();
    await signInThroughProvider(browser, 'jan.engineer', OIDC_ROUTES.start);
    const landed = await signInThroughProvider(browser, 'kees.engineer', OIDC_ROUTES.reauth);
    expect(landed.url).toBe(`${base}/login?sso=other-user`);
    expect(await sessionOf(browser)).toMatchObject({ status: 200, body: { user: { name: 'jan.engineer' } } });
    expect(await listAudit(target.db, { action: 'session.reauth-refused' })).toHaveLength(1);
  });
});
