import { OIDC_ROUTES, SESSION_COOKIE } from '@city/web';
import { startTestProvider, type TestProvider } from '@city/web/oidc-testing';
import { expect, type Page, test } from '@playwright/test';
import { freePort } from '../support/ports';
import { type StackProcess, startStackProcess } from '../support/stack-process';

/*
 * Single sign-on in a real browser. The provider (oidc-provider, on localhost) and the control room
 * (on 127.0.0.1) are different sites, as the city's identity provider and the control room are; so
 * only Chromium can show that the flow cookie (SameSite=Lax) comes back with the provider's redirect
 * and that the session cookie (SameSite=Strict), set on that cross-site return, reaches the console
 * through the pass-through page. The HTTP-level test (web oidc.test.ts) cannot: it models no SameSite.
 */

const PROVIDER_NAME = 'Gemeente ID';
const ENGINEER = { login: 'jan.engineer', name: 'Jan de Vries', roles: ['city-users', 'city-engineers'] };

// Starts signed out, in English; the global setup's stack and admin are not used here.
test.use({ storageState: { cookies: [], origins: [] }, locale: 'en-GB' });

let provider: TestProvider | undefined;
let stack: StackProcess | undefined;
let base = '';

test.beforeAll(async () => {
  // A second stack of its own: single sign-on is configured at start, from the environment.
  test.setTimeout(240_000);
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  provider = await startTestProvider(`${base}${OIDC_ROUTES.callback}`, [ENGINEER], {
    hostname: 'localhost',
  });
  stack = await startStackProcess({
    PORT: String(port),
    PUBLIC_URL: base,
    OIDC_ISSUER: provider.issuer,
    OIDC_CLIENT_ID: provider.clientId,
    OIDC_CLIENT_SECRET: provider.clientSecret,
    OIDC_ROLE_CLAIM: 'roles',
    OIDC_ROLE_MAP: 'city-users=viewer,city-engineers=engineer',
    OIDC_SCOPES: 'openid profile roles',
    OIDC_DISPLAY_NAME: PROVIDER_NAME,
  });
});

test.afterAll(async () => {
  const code = await stack?.stop();
  await provider?.close();
  if (stack && code !== 0)
    throw new Error(`the SSO stack did not stop cleanly (exit ${code}):\n${stack.output().slice(-4000)}`);
});

/** The provider's own login form (oidc-provider's development pages accept any password), then its consent. */
async function signInAtProvider(page: Page, issuer: string) {
  await expect(page).toHaveURL((url) => url.href.startsWith(`${issuer}/interaction/`));
  await page.locator('input[name="login"]').fill(ENGINEER.login);
  await page.locator('input[name="password"]').fill('any password will do');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  // The first time this person uses this client, the provider asks to share the claims.
  const consent = page.getByRole('button', { name: 'Continue' });
  await expect(consent.or(page.getByTestId('session-name'))).toBeVisible();
  if (await consent.isVisible()) await consent.click();
}

test('signs an engineer in through the identity provider and lands on the console with the mapped role', async ({
  page,
}) => {
  if (!provider) throw new Error('the provider did not start');
  await page.goto(base);
  await expect(page).toHaveURL(/\/login\?next=%2F$/);
  const started = page.waitForResponse((response) => new URL(response.url()).pathname === OIDC_ROUTES.start);
  await page.getByRole('link', { name: `Sign in with ${PROVIDER_NAME}` }).click();
  // Lax, not Strict: it must come back with the provider's cross-site redirect to the callback.
  expect(await (await started).headerValue('set-cookie')).toMatch(/^city_oidc=.*SameSite=Lax/i);

  await signInAtProvider(page, provider.issuer);

  await expect(page).toHaveURL(`${base}/`);
  // This stack's first console page: under a loaded CI machine its chunks took up to 13 s to arrive,
  // and the name shows only once the page has hydrated. The flow is under test here, not its speed.
  await expect(page.getByTestId('session-name')).toHaveText(ENGINEER.name, { timeout: 30_000 });
  await expect(page.getByTestId('session-role')).toHaveText('Engineer');
  await expect(page.getByTestId('link-status')).toHaveAttribute('data-status', 'live');
  const cookies = await page.context().cookies(base);
  // The session is Strict (it arrived through the pass-through page); the flow cookie is used up.
  expect(cookies.find((cookie) => cookie.name === SESSION_COOKIE)).toMatchObject({
    sameSite: 'Strict',
    httpOnly: true,
  });
  expect(cookies.map((cookie) => cookie.name)).not.toContain('city_oidc');
});
