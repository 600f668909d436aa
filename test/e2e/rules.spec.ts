import AxeBuilder from '@axe-core/playwright';
import type { AlarmRule } from '@city/domain';
import {
  type APIRequestContext,
  type Browser,
  expect,
  type Page,
  type TestInfo,
  test,
} from '@playwright/test';
import { ADMIN_STORAGE_STATE, baseUrl } from './auth';
import { holdPoint, releasePoint } from './city-control';
import { contextAs } from './people';
import { SCREEN_SIZES } from './screen-sizes';

// The admin of the global setup (who may edit rules), in English so the steps read as the screen says them.
test.use({ locale: 'en-GB' });
// In order: the KPI test looks for the alarm that the rule-edit test raised.
test.describe.configure({ mode: 'serial' });

/** Osdorp's wet well, held at a known level; the alarm-flow spec uses Buiksloterham, so the two never meet. */
const WELL = { cabinet: 'cab-osdorp', device: 'osdorp-pump-plc', point: 'wet_well_level' } as const;
const HELD_LEVEL = 1.5;
const CHANNEL = 'ps-osdorp/level';

async function rulesOf(request: APIRequestContext): Promise<AlarmRule[]> {
  const response = await request.get(`${baseUrl()}/api/trpc/alarms.rules.list`);
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { result: { data: AlarmRule[] } }).result.data;
}

const channelRules = async (request: APIRequestContext) =>
  (await rulesOf(request)).filter((rule) => 'channelId' in rule.target && rule.target.channelId === CHANNEL);

async function shoot(page: Page, testInfo: TestInfo, name: string) {
  const body = await page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: false });
  await testInfo.attach(name, { body, contentType: 'image/png' });
}

/** Opens a new limit set for Osdorp's wet-well level through the target picker. */
async function openOsdorpLevel(page: Page) {
  await page.goto(`${baseUrl()}/rules`);
  await expect(page.getByTestId('limit-set-row').first()).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('new-set').click();
  await page.getByTestId('target-input').fill('Osdorp · Wet-well');
  await page.getByRole('option', { name: 'Gemaal Osdorp · Wet-well level' }).click();
  await page.getByTestId('target-start').click();
  await expect(page.getByTestId('limit-set-editor')).toBeVisible();
}

const limitField = (page: Page, kind: string) => page.getByTestId(`${kind}-limit`).getByRole('textbox');

async function save(page: Page) {
  await page.getByTestId('save-limits').click();
  await expect(page.getByTestId('save-status')).toContainText('Saved; applies now');
}

test('rule edit: lowering H below the level raises an alarm, restoring it clears it; a bad limit shows its error and saves nothing', async ({
  page,
}, testInfo) => {
  await holdPoint(WELL.cabinet, WELL.device, WELL.point, HELD_LEVEL);
  try {
    expect(await channelRules(page.request)).toEqual([]);
    await openOsdorpLevel(page);

    // H at 1 m, below the 1.5 m in the well, and no on-delay: the alarm comes with the next reading.
    await page.getByTestId('use-high').click();
    await limitField(page, 'high').fill('1');
    await limitField(page, 'high').blur();
    await expect(page.getByTestId('preview-high')).toContainText('would have fired', { timeout: 30_000 });
    await shoot(page, testInfo, 'rules-edit-desk-en');
    await save(page);
    const [saved] = await channelRules(page.request);
    expect(saved).toMatchObject({ kind: 'high', limit: 1, onDelayMs: 0 });
    await expect(page.getByTestId('slot-alarms-high')).toHaveText(/1 active alarm/, { timeout: 20_000 });
    await page.getByTestId('limit-set-editor').scrollIntoViewIfNeeded();
    await page.getByTestId('slot-alarms-high').scrollIntoViewIfNeeded();
    await shoot(page, testInfo, 'rules-alarm-active-desk-en');

    // Restored above the level: the alarm clears.
    await limitField(page, 'high').fill('2');
    await limitField(page, 'high').blur();
    await save(page);
    await expect(page.getByTestId('slot-alarms-high')).toHaveCount(0, { timeout: 20_000 });
    expect((await channelRules(page.request))[0]?.limit).toBe(2);

    // HH at 1.8, below H: the error stands beside both fields, and Save sends nothing.
    await page.getByTestId('use-high-high').click();
    await limitField(page, 'high-high').fill('1.8');
    await limitField(page, 'high-high').blur();
    await expect(page.getByTestId('high-high-limit')).toContainText('HH must be above H');
    await expect(page.getByTestId('high-limit')).toContainText('H must be below HH');
    await expect(limitField(page, 'high-high')).toHaveAttribute('aria-invalid', 'true');
    await page.getByTestId('save-limits').click();
    await expect(page.getByTestId('save-status')).toHaveText(
      'Fix the marked fields first; nothing has been saved.',
    );
    await page.getByTestId('slot-high-high').scrollIntoViewIfNeeded();
    await shoot(page, testInfo, 'rules-bad-limit-desk-en');
    expect((await channelRules(page.request)).map((rule) => [rule.kind, rule.limit])).toEqual([['high', 2]]);

    // Leave the city as it was: give up both slots, and confirm removing the saved H.
    await page.getByTestId('use-high-high').click();
    await page.getByTestId('use-high').click();
    await page.getByTestId('save-limits').click();
    await page.getByTestId('confirm-remove').click();
    await expect(page.getByTestId('save-status')).toContainText('Saved; applies now');
    expect(await channelRules(page.request)).toEqual([]);
  } finally {
    await releasePoint(WELL.cabinet, WELL.device, WELL.point);
  }
});

test('the KPI screen draws the alarm rate against its benchmarks, and names the most frequent alarms', async ({
  page,
}) => {
  await page.goto(`${baseUrl()}/kpis`);
  const chart = page.getByTestId('rate-chart');
  // 24 h of 10-minute windows, one bar each.
  await expect(chart).toHaveAttribute('data-bars', '144', { timeout: 30_000 });
  await expect(chart).toHaveAttribute('aria-label', /Alarm rate per 10 minutes\. 144 bars/);
  await expect(page.getByText('Acceptable: 1', { exact: true })).toBeVisible();
  await expect(page.getByText('Flood: 10', { exact: true })).toBeVisible();
  await expect(page.getByTestId('kpi-figures')).toContainText('Average per 10 min');
  // The alarm the rule-edit test raised on Osdorp's wet well is among the most frequent, by name.
  await expect(page.getByTestId('top-frequent')).toContainText('Gemaal Osdorp · Wet-well level');
  await page
    .getByRole('radio', { name: '7 days' })
    .or(page.getByRole('button', { name: '7 days' }))
    .click();
  // 7 days at one bar per hour.
  await expect(chart).toHaveAttribute('data-bars', '168');
});

test('search in the header finds an asset by part of its name and opens it; "/" puts the cursor there', async ({
  page,
}) => {
  await page.goto(`${baseUrl()}/kpis`);
  await expect(page.getByTestId('kpis-screen')).toBeVisible();
  await page.locator('body').press('/');
  const box = page.getByRole('combobox', { name: 'Find' });
  await expect(box).toBeFocused();
  await box.pressSequentially('osdorp');
  const hit = page.getByRole('option', { name: /Asset\s*Gemaal Osdorp/ });
  await expect(hit).toBeVisible();
  // By keyboard: down the list to the asset, then Enter.
  for (let step = 0; step < 20 && (await hit.getAttribute('data-focused')) === null; step++)
    await box.press('ArrowDown');
  await expect(hit).toHaveAttribute('data-focused', 'true');
  await box.press('Enter');
  await expect(page).toHaveURL(`${baseUrl()}/assets/ps-osdorp`);
});

test('an operator sees the limits read only: no new set, no save, fields that cannot be typed in', async ({
  browser,
}) => {
  const context = await contextAs(browser, 'operator');
  const page = await context.newPage();
  await page.goto(`${baseUrl()}/rules`);
  const sewer = page.locator('[data-testid="limit-set-row"][data-key="kind:pumping-station:level"]');
  await sewer.getByRole('button', { name: /Bekijken|View/ }).click();
  await expect(page.getByTestId('limit-set-editor')).toBeVisible();
  await expect(page.getByTestId('high-limit').getByRole('textbox')).toHaveAttribute('readonly', '');
  await expect(page.getByTestId('new-set')).toHaveCount(0);
  await expect(page.getByTestId('save-limits')).toHaveCount(0);
  await expect(page.getByTestId('use-high')).toHaveCount(0);
  await context.close();
});

test('axe finds no serious or critical violation in the limits editor or the KPI screen', async ({
  page,
}) => {
  const serious = async (selector: string) =>
    (await new AxeBuilder({ page }).include(selector).analyze()).violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map(
        (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
      );
  await page.goto(`${baseUrl()}/rules`);
  const sewer = page.locator('[data-testid="limit-set-row"][data-key="kind:pumping-station:level"]');
  await sewer.getByRole('button').click();
  await expect(page.getByTestId('preview-high')).toBeVisible({ timeout: 30_000 });
  expect(await serious('[data-testid="rules-screen"]')).toEqual([]);
  await page.goto(`${baseUrl()}/kpis`);
  await expect(page.getByTestId('rate-chart')).toBeVisible({ timeout: 30_000 });
  expect(await serious('[data-testid="kpis-screen"]')).toEqual([]);
});

async function viewAs(browser: Browser, view: keyof typeof SCREEN_SIZES, locale: 'en-GB' | 'nl-NL') {
  const context = await browser.newContext({
    ...SCREEN_SIZES[view],
    locale,
    storageState: ADMIN_STORAGE_STATE,
  });
  return { context, page: await context.newPage() };
}

test('screenshots: limits editor, KPIs and search, desk, wall and tablet, in Dutch and English', async ({
  browser,
}, testInfo) => {
  test.skip(!process.env.CITY_SCREENSHOTS, 'the screenshot tour runs on demand: CITY_SCREENSHOTS=1');
  test.setTimeout(300_000);
  for (const locale of ['nl-NL', 'en-GB'] as const) {
    const lang = locale.slice(0, 2);
    for (const view of Object.keys(SCREEN_SIZES) as (keyof typeof SCREEN_SIZES)[]) {
      const { context, page } = await viewAs(browser, view, locale);
      await page.goto(`${baseUrl()}/rules`);
      const sewer = page.locator('[data-testid="limit-set-row"][data-key="kind:pumping-station:level"]');
      await sewer.getByRole('button').click();
      await expect(page.getByTestId('preview-high')).toBeVisible({ timeout: 30_000 });
      await shoot(page, testInfo, `rules-${view}-${lang}`);
      await page.goto(`${baseUrl()}/kpis`);
      await expect(page.getByTestId('rate-chart')).toBeVisible({ timeout: 30_000 });
      await shoot(page, testInfo, `kpis-${view}-${lang}`);
      if (view !== 'wall') {
        await page.getByTestId('header-search').getByRole('combobox').fill('buiks');
        await expect(page.getByRole('option', { name: /Buiksloterham/ }).first()).toBeVisible();
        await shoot(page, testInfo, `search-${view}-${lang}`);
      }
      await context.close();
    }
  }
});
