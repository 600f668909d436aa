import { AUTH_ROUTES, type SessionView } from '@city/web';
import { expect, type Page, test } from '@playwright/test';
import { adminPassword, baseUrl, E2E_ADMIN } from './auth';

// Every test here starts signed out, in Dutch (the city's language), whatever the global setup stored.
test.use({ storageState: { cookies: [], origins: [] }, locale: 'nl-NL' });

async function signIn(page: Page, password: string) {
  await page.goto(`${baseUrl()}/login`);
  await page.getByLabel('Naam').fill(E2E_ADMIN);
  await page.getByLabel('Wachtwoord').fill(password);
  await page.getByRole('button', { name: 'Aanmelden' }).click();
}

test('a signed-out browser that opens the console is sent to the sign-in page', async ({ page }) => {
  await page.goto(baseUrl());
  await expect(page).toHaveURL(/\/login(\?|$)/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
  await expect(page.getByRole('heading', { name: 'Aanmelden' })).toBeVisible();
});

test('a wrong password shows one generic error and stays on the sign-in page', async ({ page }) => {
  await signIn(page, 'not-the-right-password');
  await expect(page.getByRole('alert').filter({ hasText: 'Naam of wachtwoord onjuist' })).toBeVisible();
  await expect(page).toHaveURL(/\/login(\?|$)/);
  await expect(page.getByLabel('Wachtwoord')).toHaveValue('');
  await expect(page.getByLabel('Wachtwoord')).toBeFocused();
});

test('the language switch turns the sign-in page English and keeps what was typed', async ({ page }) => {
  await page.goto(`${baseUrl()}/login`);
  await page.getByLabel('Naam').fill(E2E_ADMIN);
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue(E2E_ADMIN);
  await expect(page.getByRole('button', { name: 'English' })).toHaveAttribute('aria-pressed', 'true');
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
});

test('the right password reaches the console, with the name and role in the header; signing out returns to sign-in', async ({
  page,
}) => {
  await signIn(page, adminPassword());
  await expect(page).toHaveURL(`${baseUrl()}/`);
  const session = await page.request.get(`${baseUrl()}${AUTH_ROUTES.session}`);
  expect(session.status()).toBe(200);
  const view = (await session.json()) as SessionView;
  await expect(page.getByTestId('session-name')).toHaveText(view.user.displayName);
  await expect(page.getByTestId('session-role')).toHaveText('Beheerder');
  await expect(page.getByTestId('link-status')).toHaveAttribute('data-status', 'live');

  await page.getByRole('button', { name: 'Afmelden' }).click();
  await expect(page).toHaveURL(/\/login(\?|$)/);
  await page.goto(baseUrl());
  await expect(page).toHaveURL(/\/login(\?|$)/);
});

test('a session ended elsewhere covers the console with the signed-out notice, never failing silently', async ({
  page,
}) => {
  await signIn(page, adminPassword());
  await expect(page.getByTestId('link-status')).toHaveAttribute('data-status', 'live');
  // The same session signs out from another tab: the server tells this screen's socket, then drops it.
  const ended = await page.request.post(`${baseUrl()}${AUTH_ROUTES.logout}`, {
    headers: { origin: baseUrl() },
  });
  expect(ended.status()).toBe(204);
  const notice = page.getByRole('alertdialog', { name: 'Afgemeld' });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('Je bent afgemeld');
  await page.keyboard.press('Escape');
  await expect(notice).toBeVisible();
  await notice.getByRole('link', { name: 'Opnieuw aanmelden' }).click();
  await expect(page).toHaveURL(/\/login\?next=%2F$/);
});
