import type { AlarmTransition } from '@city/domain';
import { expect, type Page, test } from '@playwright/test';
import { adminApi, trpcQuery } from './admin-api';
import { ADMIN_STORAGE_STATE, baseUrl } from './auth';
import { holdPoint, releasePoint } from './city-control';
import { SCREEN_SIZES } from './screen-sizes';

/*
 * The journal newest first (the asset page and the alarm journal dialog, through alarms.newestJournal)
 * and the KPI rate chart drawn from the server's 10-minute counts (alarms.kpis perTenMinutes). Nothing
 * mocked: the simulator's control API holds a real wet-well level past high-high.
 */

const WELL = { cabinet: 'cab-buiksloterham', device: 'buiksloterham-pump-plc', point: 'wet_well_level' };
const STATION = 'ps-buiksloterham';
/** sewer-high-high-level in amsterdam-alarms.yaml: limit 2.7 m, priority 1, no on-delay. */
const HH = `sewer-high-high-level@${STATION}/level`;
const PAST_HH = 2.95;

const hold = () => holdPoint(WELL.cabinet, WELL.device, WELL.point, PAST_HH);
const release = () => releasePoint(WELL.cabinet, WELL.device, WELL.point).catch(() => undefined);

interface JournalPage {
  entries: AlarmTransition[];
  older: number | null;
}
interface Kpis {
  activations: number;
  perTenMinutes: number[];
}

/** The seqs of the journal rows a table shows, top to bottom. */
const shownSeqs = (page: Page, table: string) =>
  page
    .locator(`[data-testid=${table}] tbody tr`)
    .evaluateAll((rows) => rows.map((row) => Number(row.getAttribute('data-seq'))));

async function openJournalDialog(page: Page) {
  await page.goto(`${baseUrl()}/alarms`);
  const row = page.locator(`[data-testid=alarm-screen] tr[data-alarm-id="${HH}"]`);
  await expect(row).toBeVisible({ timeout: 30_000 });
  await row.getByTestId('alarm-actions').click();
  await page.getByRole('menuitem', { name: /Journal|Logboek/ }).click();
  const dialog = page.getByTestId('alarm-journal');
  await expect(dialog.locator('tbody tr').first()).toBeVisible();
  return dialog;
}

test('the journal reads newest first on the asset page and in the dialog, and the KPI chart draws the server’s 10-minute counts', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const api = await adminApi();
  await page.context().addCookies([{ name: 'locale', value: 'en', url: baseUrl() }]);
  try {
    await hold();
    // The activation is journaled: the newest page of the alarm's journal starts with it.
    let newest: JournalPage = { entries: [], older: null };
    await expect
      .poll(
        async () => {
          newest = await trpcQuery<JournalPage>(api, 'alarms.newestJournal', { alarmId: HH, limit: 2 });
          return newest.entries[0]?.event;
        },
        { timeout: 60_000, intervals: [1_000] },
      )
      .toBe('activated');
    const [first, second] = newest.entries;
    if (second) expect(second.seq).toBeLessThan(first?.seq ?? 0);
    if (newest.older !== null) {
      const older = await trpcQuery<JournalPage>(api, 'alarms.newestJournal', {
        alarmId: HH,
        limit: 2,
        cursor: newest.older,
      });
      expect(Math.max(...older.entries.map((entry) => entry.seq))).toBeLessThan(newest.older);
    }

    // The asset page: the activation among the newest lines, every line older than the one above it.
    await page.goto(`${baseUrl()}/assets/${STATION}`);
    await expect(page.locator(`[data-testid=asset-journal] tr[data-seq="${first?.seq}"]`)).toBeVisible({
      timeout: 30_000,
    });
    const assetSeqs = await shownSeqs(page, 'asset-journal');
    expect(assetSeqs).toEqual([...assetSeqs].sort((a, b) => b - a));
    expect(assetSeqs.length).toBeLessThanOrEqual(50);

    // The dialog: the alarm's newest transition on top, older ones below it.
    const dialog = await openJournalDialog(page);
    await expect(dialog.locator('tbody tr').first()).toHaveAttribute('data-seq', String(first?.seq));
    const dialogSeqs = await shownSeqs(page, 'alarm-journal');
    expect(dialogSeqs).toEqual([...dialogSeqs].sort((a, b) => b - a));
    await page.keyboard.press('Escape');

    // The KPIs: one count per 10 minutes of the last 24 h, adding up to the period's activations, the
    // one just now in the newest windows; the chart draws a bar for it.
    const kpis = await trpcQuery<Kpis>(api, 'alarms.kpis', {});
    expect(kpis.perTenMinutes).toHaveLength(144);
    expect(kpis.perTenMinutes.reduce((sum, n) => sum + n, 0)).toBe(kpis.activations);
    expect((kpis.perTenMinutes.at(-1) ?? 0) + (kpis.perTenMinutes.at(-2) ?? 0)).toBeGreaterThan(0);
    await page.goto(`${baseUrl()}/kpis`);
    const chart = page.getByTestId('rate-chart');
    await expect(chart).toHaveAttribute('data-bars', '144');
    expect(await chart.locator('rect').count()).toBeGreaterThan(0);
  } finally {
    await release();
    await api.dispose();
  }
});

test('screenshots: the asset journal, the alarm journal dialog and the KPIs at desk, wall and tablet, nl and en', async ({
  browser,
}, testInfo) => {
  test.skip(!process.env.CITY_SCREENSHOTS, 'the screenshot tour runs on demand: CITY_SCREENSHOTS=1');
  test.setTimeout(600_000);
  try {
    await hold();
    for (const locale of ['nl', 'en'] as const) {
      for (const [size, options] of Object.entries(SCREEN_SIZES)) {
        const context = await browser.newContext({ ...options, storageState: ADMIN_STORAGE_STATE });
        await context.addCookies([{ name: 'locale', value: locale, url: baseUrl() }]);
        const page = await context.newPage();
        await page.goto(`${baseUrl()}/assets/${STATION}`);
        const journal = page.getByTestId('asset-journal');
        await expect(journal.locator('tr[data-event=activated]').first()).toBeVisible({ timeout: 30_000 });
        await journal.scrollIntoViewIfNeeded();
        await page.screenshot({ path: testInfo.outputPath(`asset-journal-${size}-${locale}.png`) });
        await openJournalDialog(page);
        await page.screenshot({ path: testInfo.outputPath(`alarm-journal-${size}-${locale}.png`) });
        await page.keyboard.press('Escape');
        await page.goto(`${baseUrl()}/kpis`);
        await expect(page.getByTestId('rate-chart')).toBeVisible({ timeout: 30_000 });
        await page.screenshot({ path: testInfo.outputPath(`kpis-${size}-${locale}.png`), fullPage: true });
        await context.close();
      }
    }
  } finally {
    await release();
  }
});
