import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '@city/db/testing';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OIDC_ROUTES, SSO_NAME_HEADER } from '../../shared/auth-contract';
import { WEB_ROOT } from '../paths';
import { type RunningWebServer, startWebServer } from '../web-server';
import { parseRoleMap } from './oidc-options';
import { freePort } from './oidc-testing';

// Needs the production build; `npm test` (turbo) builds it before this suite runs.
describe('the login page with single sign-on configured (production build)', () => {
  let target: TestDatabase;
  let withSso: RunningWebServer;
  let withoutSso: RunningWebServer;

  beforeAll(async () => {
    if (!existsSync(join(WEB_ROOT, '.next', 'BUILD_ID')))
      throw new Error('this suite serves the production build: run "npm run build -w @city/web" first');
    target = await createTestDatabase('postgres');
    const port = await freePort();
    const logger = pino({ level: 'silent' });
    withSso = await startWebServer({
      db: target.db,
      port,
      host: '127.0.0.1',
      logger,
      access: {
        publicUrl: `http://127.0.0.1:${port}`,
        // Nothing listens there: the page needs only the name; the provider is asked on the first sign-in.
        oidc: {
          issuer: 'http://127.0.0.1:9/unused',
          clientId: 'control-room',
          roleClaim: 'roles',
          roleMap: parseRoleMap('city-ops=operator'),
          scopes: 'openid',
          displayName: 'Gemeente ID',
        },
      },
    });
    withoutSso = await startWebServer({ db: target.db, port: 0, host: '127.0.0.1', logger });
  }, 120_000);
  afterAll(async () => {
    await withSso?.close();
    await withoutSso?.close();
    await target?.drop();
  });

  const login = async (server: RunningWebServer, query = '', headers: Record<string, string> = {}) =>
    (await fetch(`${server.url}/login${query}`, { headers })).text();

  it('offers "Sign in with Gemeente ID" in Dutch and English, keeping where to go next', async () => {
    const dutch = await login(withSso, '?next=%2Falarms');
    expect(dutch).toContain('Aanmelden met Gemeente ID');
    expect(dutch).toContain(`href="${OIDC_ROUTES.start}?next=%2Falarms"`);
    const english = await login(withSso, '', { cookie: 'locale=en' });
    expect(english).toContain('Sign in with Gemeente ID');
  });

  it('says why single sign-on refused, and shows no button where it is not configured, whatever the browser sends', async () => {
    expect(await login(withSso, '?sso=no-role')).toContain('Je account heeft geen rol in de controlekamer');
    const spoofed = await login(withoutSso, '', { [SSO_NAME_HEADER]: 'Evil' });
    expect(spoofed).not.toContain('Evil');
    expect(spoofed).not.toContain(OIDC_ROUTES.start);
  });
});
