import { randomBytes } from 'node:crypto';
import { type Browser, expect, type Page, type TestInfo, test } from '@playwright/test';
import { ADMIN_STORAGE_STATE, baseUrl } from './auth';
import { SCREEN_SIZES } from './screen-sizes';

/*
 * The shared control styles (web/src/app/controls*.css) on the screens the other tours leave out: the
 * admin screens (tables, forms, a select's list, a confirmation dialog, checkboxes), the header's admin
 * menu and an alarm filter's list (the asset page's choices are in asset.spec's tour). A screenshot tour, on demand
 * like the others (CITY_SCREENSHOTS=1), for comparing the look before and after a change to those sheets.
 */

test.describe.configure({ mode: 'serial' });

type View = keyof typeof SCREEN_SIZES;
const LOCALES = { nl: 'nl-NL', en: 'en-GB' } as const;
type Lang = keyof typeof LOCALES;

async function shoot(page: Page, testInfo: TestInfo, name: string) {
  const body = await page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: false });
  await testInfo.attach(name, { body, contentType: 'image/png' });
}

async function open(browser: Browser, view: View, lang: Lang) {
  const context = await browser.newContext({
    ...SCREEN_SIZES[view],
    locale: LOCALES[lang],
    storageState: ADMIN_STORAGE_STATE,
  });
  return { context, page: await context.newPage() };
}

/** An invited user, so the users table has a row whose Disable asks for confirmation. */
async function invite(browser: Browser): Promise<string> {
  const { context, page } = await open(browser, 'desk', 'en');
  const name = `look-${randomBytes(3).toString('hex')}`;
  await page.goto(`${baseUrl()}/admin/users`);
  await page.getByRole('textbox', { name: 'Sign-in name' }).fill(name);
  await page.getByRole('textbox', { name: 'Display name' }).fill(`Look ${name}`);
  await page.getByRole('button', { name: 'Create user' }).click();
  await expect(page.getByTestId(`user-${name}`)).toBeVisible();
  await context.close();
  return name;
}

async function adminScreens(page: Page, testInfo: TestInfo, tag: string, user: string) {
  await page.goto(`${baseUrl()}/admin/users`);
  const row = page.getByTestId(`user-${user}`);
  await expect(row).toBeVisible({ timeout: 30_000 });
  await shoot(page, testInfo, `users-${tag}`);
  await page
    .getByRole('form')
    .getByRole('button', { name: /Role|Rol/ })
    .first()
    .click();
  await expect(page.getByRole('listbox')).toBeVisible();
  await shoot(page, testInfo, `users-select-${tag}`);
  await page.keyboard.press('Escape');
  await row.getByRole('button', { name: /^(Disable|Uitschakelen)$/ }).click();
  await expect(page.getByRole('alertdialog')).toBeVisible();
  await shoot(page, testInfo, `users-confirm-${tag}`);
  await page.keyboard.press('Escape');
  await page.goto(`${baseUrl()}/admin/settings`);
  await expect(page.getByRole('checkbox').first()).toBeAttached({ timeout: 30_000 });
  await shoot(page, testInfo, `settings-${tag}`);
  await page.goto(`${baseUrl()}/audit`);
  await expect(page.getByTestId('audit-table')).toBeVisible({ timeout: 30_000 });
  await shoot(page, testInfo, `audit-${tag}`);
}

async function menus(page: Page, testInfo: TestInfo, tag: string) {
  await page.goto(`${baseUrl()}/alarms`);
  const adminMenu = page.getByTestId('admin-nav').getByRole('button');
  await expect(async () => {
    await adminMenu.click();
    await expect(page.getByRole('menu')).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await shoot(page, testInfo, `admin-menu-${tag}`);
  await page.keyboard.press('Escape');
  const priority = page.getByTestId('filter-priority').getByRole('button');
  await expect(async () => {
    await priority.click();
    await expect(page.getByRole('listbox')).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await shoot(page, testInfo, `alarm-filter-${tag}`);
  await page.keyboard.press('Escape');
}

test('screenshots: shared controls on the admin screens, menus and selects, desk, wall and tablet, nl and en', async ({
  browser,
}, testInfo) => {
  test.skip(!process.env.CITY_SCREENSHOTS, 'the screenshot tour runs on demand: CITY_SCREENSHOTS=1');
  test.setTimeout(600_000);
  const user = await invite(browser);
  for (const lang of Object.keys(LOCALES) as Lang[]) {
    for (const view of Object.keys(SCREEN_SIZES) as View[]) {
      const { context, page } = await open(browser, view, lang);
      const tag = `${view}-${lang}`;
      await adminScreens(page, testInfo, tag, user);
      if (view !== 'wall') await menus(page, testInfo, tag);
      await context.close();
    }
  }
});
