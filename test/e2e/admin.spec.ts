import { expect, type Page, test } from '@playwright/test';
import { baseUrl } from './auth';

// The admin of the global setup, in English so the steps read as the screens say them.
test.use({ locale: 'en-GB' });
const SIGNED_OUT = { cookies: [], origins: [] };
/** Names differ per run: the stack keeps its database between specs of one run. */
const suffix = Date.now().toString(36);

async function readSecret(page: Page): Promise<string> {
  const value = page.getByTestId('secret-value');
  await expect(value).toBeVisible();
  return (await value.textContent())?.trim() ?? '';
}

test('an admin pairs a wall display with the code on screen, and revoking it signs the wall out', async ({
  page,
  browser,
}) => {
  const name = `wall-${suffix}`;
  await page.goto(`${baseUrl()}/admin/displays`);
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
  await page.getByRole('textbox', { name: 'Name on screen' }).fill(`Wall ${suffix}`);
  await page.getByRole('button', { name: 'Create display' }).click();
  const code = await readSecret(page);
  expect(code).toMatch(/^[A-Z0-9]{8}$/);

  // The wall screen: a browser of its own, no session, the code typed at /pair.
  const wallContext = await browser.newContext({ storageState: SIGNED_OUT, locale: 'en-GB' });
  const wall = await wallContext.newPage();
  await wall.goto(`${baseUrl()}/pair`);
  await wall.getByLabel('Pairing code').fill(code);
  await wall.getByRole('button', { name: 'Pair' }).click();
  await expect(wall).toHaveURL(`${baseUrl()}/`);
  await expect(wall.getByTestId('session-name')).toHaveText(`Wall ${suffix}`);
  await expect(wall.getByTestId('session-role')).toHaveText('Viewer');
  // A display may use no admin screen, so it is offered none.
  await expect(wall.getByTestId('admin-nav')).toHaveCount(0);

  await page.getByRole('button', { name: 'Done, close' }).click();
  await page.reload();
  const row = page.getByTestId(`display-${name}`);
  await expect(row).toContainText('Paired');
  await row.getByRole('button', { name: 'Revoke' }).click();
  const confirm = page.getByRole('alertdialog', { name: `Revoke Wall ${suffix}?` });
  await expect(confirm).toBeVisible();
  await confirm.getByRole('button', { name: 'Revoke' }).click();
  await expect(confirm).toBeHidden();

  await expect(wall.getByRole('alertdialog', { name: 'Signed out' })).toBeVisible();
  await wallContext.close();
});

test('an admin creates an operator; the setup link shown works once, and the operator is refused the admin screens', async ({
  page,
  browser,
}) => {
  const name = `op-${suffix}`;
  await page.goto(`${baseUrl()}/admin/users`);
  await page.getByRole('textbox', { name: 'Sign-in name' }).fill(name);
  await page.getByRole('textbox', { name: 'Display name' }).fill(`Operator ${suffix}`);
  await page.getByRole('form', { name: 'New user' }).getByRole('button', { name: /Role/ }).click();
  await page.getByRole('option', { name: 'Operator' }).click();
  await page.getByRole('button', { name: 'Create user' }).click();
  const link = await readSecret(page);
  expect(link).toMatch(new RegExp(`^${baseUrl()}/setup\\?token=.+&name=${name}$`));
  await expect(page.getByTestId(`user-${name}`)).toContainText('Invited');

  const first = await browser.newContext({ storageState: SIGNED_OUT, locale: 'en-GB' });
  const person = await first.newPage();
  await person.goto(link);
  await expect(person.getByRole('heading', { name: 'Set your password' })).toBeVisible();
  await expect(person.getByLabel('Name', { exact: true })).toHaveValue(name);
  await expect(person.getByLabel('Name', { exact: true })).toHaveAttribute('readonly', '');
  const password = `correct horse ${suffix} battery`;
  await person.getByLabel('Password', { exact: true }).fill(password);
  await person.getByLabel('Repeat the password').fill(password);
  await person.getByRole('button', { name: 'Save password' }).click();
  await expect(person).toHaveURL(`${baseUrl()}/`);
  await expect(person.getByTestId('session-role')).toHaveText('Operator');

  // Not an admin: the URL answers with why, not a blank page.
  await person.goto(`${baseUrl()}/admin/users`);
  await expect(person.getByRole('heading', { name: 'You need the admin role' })).toBeVisible();
  await expect(person.getByTestId('users-table')).toHaveCount(0);
  await first.close();

  // The same link a second time is spent.
  const second = await browser.newContext({ storageState: SIGNED_OUT, locale: 'en-GB' });
  const again = await second.newPage();
  await again.goto(link);
  await again.getByLabel('Password', { exact: true }).fill(password);
  await again.getByLabel('Repeat the password').fill(password);
  await again.getByRole('button', { name: 'Save password' }).click();
  await expect(
    again.getByRole('alert').filter({ hasText: 'invalid or has already been used' }),
  ).toBeVisible();
  await expect(again).toHaveURL(/\/setup\?/);
  await second.close();
});

test('the audit trail lists what the admin did, and its CSV link carries the filter', async ({ page }) => {
  await page.goto(`${baseUrl()}/audit`);
  await page.getByRole('textbox', { name: 'Action' }).fill('user.');
  await page.getByRole('button', { name: 'Apply filter' }).click();
  await expect(page.getByTestId('audit-table')).toContainText('user.create');
  await expect(page.getByTestId('audit-csv')).toHaveAttribute('href', /\/api\/audit\.csv\?action=user\./);
});
