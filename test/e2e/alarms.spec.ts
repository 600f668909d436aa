import type { Alarm, AlarmTransition } from '@city/domain';
import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import { adminApi, trpc } from './admin-api';
import { ADMIN_STORAGE_STATE, baseUrl } from './auth';
import { clearFault, holdPoint, releasePoint } from './city-control';
import { contextAs } from './people';
import { SCREEN_SIZES } from './screen-sizes';

/* Issue 14, test 1 (alarm flow) and the alarm screens (banner, lists, actions, mute, a viewer's view).
 * Nothing mocked: the simulator's control API moves a real Modbus register the gateway reads. */

const WELL = { cabinet: 'cab-buiksloterham', device: 'buiksloterham-pump-plc', point: 'wet_well_level' };
const STATION = 'ps-buiksloterham';
/** sewer-high-high-level in amsterdam-alarms.yaml: limit 2.7 m, priority 1, no on-delay. */
const HH = `sewer-high-high-level@${STATION}/level`;
const PAST_HH = 2.95;
/** PRIORITY_COLOURS[1] (web/src/ui/tokens.ts), the colour of the map's priority-1 diamond. */
const CRITICAL_RGB = [0xff, 0x5c, 0x5c] as const;

const hold = () => holdPoint(WELL.cabinet, WELL.device, WELL.point, PAST_HH);
const release = () => releasePoint(WELL.cabinet, WELL.device, WELL.point).catch(() => undefined);

const alarmById = async (api: APIRequestContext, id: string) =>
  (await trpc<Alarm[]>(api, 'alarms.list')).find((alarm) => alarm.id === id);

/** The well back to normal, whatever the specs before left: released, cleared and acknowledged. */
async function resetWell(api: APIRequestContext) {
  await release();
  await clearFault(WELL.cabinet, WELL.device).catch(() => undefined);
  await expect
    .poll(
      async () => {
        const alarm = await alarmById(api, HH);
        if (alarm && !alarm.active && !alarm.acknowledged)
          await trpc(api, 'alarms.acknowledge', { alarmId: HH, note: 'e2e: reset before the alarm flow' });
        // An alarm never raised has no record yet: it is normal.
        return alarm?.state ?? 'normal';
      },
      { timeout: 60_000, intervals: [1_000] },
    )
    .toBe('normal');
}

async function openMap(page: Page) {
  await page.goto(baseUrl());
  await expect(page.getByTestId('city-map')).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
  const onMap = (id: string) =>
    (window as unknown as Partial<MapWindow>).__cityMap?.features().some((f) => f.id === id);
  await page.waitForFunction(onMap, STATION, { timeout: 30_000 });
}

/** Records in the page when a matching element first appears, by the page's own clock. */
async function watchFor(page: Page, selector: string) {
  await page.evaluate((css) => {
    const w = window as unknown as { __seenAt?: number };
    w.__seenAt = undefined;
    const look = () => {
      if (document.querySelector(css)) w.__seenAt = Date.now();
      else requestAnimationFrame(look);
    };
    look();
  }, selector);
}
const seenAt = (page: Page) => page.evaluate(() => (window as unknown as { __seenAt?: number }).__seenAt);

type Feature = { id: string; x: number; y: number };
type MapWindow = {
  __cityMap: {
    features(): Feature[];
    watchPixel(x: number, y: number): void;
    pixelChanges: { at: number; rgba: number[] }[];
  };
};

/** When the watched map pixel first turned priority-1 red (page clock), or null. */
async function firstRedAt(page: Page): Promise<number | null> {
  const changes = await page.evaluate(() => (window as unknown as MapWindow).__cityMap.pixelChanges);
  const near = (rgba: number[]) =>
    rgba.slice(0, 3).every((v, i) => Math.abs(v - (CRITICAL_RGB[i] ?? 0)) <= 24);
  return changes.find((change) => near(change.rgba))?.at ?? null;
}

/** When the socket first brought the alarm's activation to this page (Node clock), as a function. */
function socketClock(page: Page, alarmId: string): () => number | null {
  let at: number | null = null;
  page.on('websocket', (socket) =>
    socket.on('framereceived', ({ payload }) => {
      const text = String(payload);
      if (at === null && text.includes('"alarm"') && text.includes(alarmId) && text.includes('"activated"'))
        at = Date.now();
    }),
  );
  return () => at;
}

const dockedRow = (page: Page, id: string) =>
  page.locator(`[data-testid=docked-alarms] tr[data-alarm-id="${id}"]`);

test.describe.configure({ mode: 'serial' });
test.beforeEach(() => test.setTimeout(300_000));

test('alarm flow: a held wet-well level shows on the map and in the list within 2 s, is acknowledged with a note by an operator, clears when released, and the journal names who acted', async ({
  browser,
}, testInfo) => {
  const api = await adminApi();
  await resetWell(api);
  const context = await contextAs(browser, 'operator');
  const page = await context.newPage();
  await page.setViewportSize({ width: 1920, height: 1080 });
  // The list on /alarms in a tab of its own, beside the map's tab with its docked list.
  const listPage = await context.newPage();
  await listPage.setViewportSize({ width: 1920, height: 1080 });
  const mapSocket = socketClock(page, HH);
  const listSocket = socketClock(listPage, HH);
  try {
    await openMap(page);
    await listPage.goto(`${baseUrl()}/alarms`);
    await expect(listPage.getByTestId('alarm-screen')).toBeVisible();
    const row = dockedRow(page, HH);
    await expect(row).toHaveCount(0);
    // A click unlocks audio, as a browser requires; from then on a critical alarm sounds.
    await page.getByTestId('alarm-banner').click({ position: { x: 5, y: 5 } });
    await expect(page.getByTestId('alarm-sound')).toHaveAttribute('data-sound', 'on');

    // The map's priority-1 diamond is drawn 18 px right of and above the station; watch a pixel in it.
    await page.evaluate((id) => {
      const map = (window as unknown as MapWindow).__cityMap;
      const where = map.features().find((f) => f.id === id);
      if (where) map.watchPixel(where.x + 26, where.y - 18);
    }, STATION);
    await watchFor(page, `[data-testid=docked-alarms] tr[data-alarm-id="${HH}"]`);
    await watchFor(listPage, `[data-testid=alarm-screen] tr[data-alarm-id="${HH}"]`);

    await hold();
    const heldAt = Date.now();
    await expect(row).toBeVisible({ timeout: 10_000 });
    await expect(listPage.locator(`tr[data-alarm-id="${HH}"]`)).toBeVisible({ timeout: 10_000 });
    await expect.poll(() => firstRedAt(page), { timeout: 20_000 }).not.toBeNull();
    // activatedAt is the source time of the reading that raised it: when the gateway read the register.
    const activatedAt = (await alarmById(api, HH))?.activatedAt ?? Number.NaN;
    const after = (at: number | null | undefined) => (at ?? Number.NaN) - activatedAt;
    const times = {
      reading: activatedAt - heldAt,
      listSocket: after(listSocket()),
      listRow: after(await seenAt(listPage)),
      mapSocket: after(mapSocket()),
      dockedRow: after(await seenAt(page)),
      mapMark: after(await firstRedAt(page)),
    };
    const latency = `control API → gateway reading ${times.reading} ms; after the reading: /alarms socket ${times.listSocket} ms, row ${times.listRow} ms; map tab socket ${times.mapSocket} ms, docked row ${times.dockedRow} ms, map mark ${times.mapMark} ms`;
    console.log(`alarm-flow latency: ${latency}`);
    testInfo.annotations.push({ type: 'latency', description: latency });
    expect(times.listRow, 'the /alarms row appears within 2 s of activation').toBeLessThan(2_000);
    // The map tab draws on software WebGL, so its frame comes later than the list tab's (clean-clone
    // CI: 1.06 s and 1.33 s for the mark); the screen's own share is bounded apart from the total.
    expect(times.dockedRow - times.mapSocket, 'the docked row within 1 s of its frame').toBeLessThan(1_000);
    expect(times.mapMark - times.mapSocket, 'the map mark within 1 s of its frame').toBeLessThan(1_000);
    expect(Math.max(times.dockedRow, times.mapMark), 'on the map tab within 2 s of activation').toBeLessThan(
      2_000,
    );
    await listPage.close();

    // Unacknowledged, priority 1, in the banner; and the new critical alarm sounded.
    await expect(row).toHaveAttribute('data-state', 'unacknowledged');
    await expect(page.getByTestId('alarm-sound')).not.toHaveAttribute('data-tones', '0');
    const banner = page.getByTestId('alarm-banner');
    await expect(banner.locator('.alarm-count[data-priority="1"]')).not.toHaveAttribute('data-count', '0');
    await expect(page.getByTestId('alarm-banner-newest')).toContainText('Buiksloterham');

    // Acknowledge from the row's menu: a note is required.
    await row.getByTestId('alarm-actions').click();
    await page.getByRole('menuitem', { name: /Acknowledge|Bevestigen/ }).click();
    const dialog = page.getByTestId('alarm-action-dialog');
    await dialog.getByRole('button', { name: /^(Acknowledge|Bevestigen)$/ }).click();
    await expect(dialog.getByRole('alert')).not.toBeEmpty();
    await dialog.getByTestId('alarm-action-text').fill('Crew called, pump 2 checked');
    await page.screenshot({ path: testInfo.outputPath('acknowledge-dialog-desk.png') });
    await dialog.getByRole('button', { name: /^(Acknowledge|Bevestigen)$/ }).click();
    await expect(dialog).toHaveCount(0);
    await expect(row).toHaveAttribute('data-state', 'acknowledged', { timeout: 5_000 });

    // The journal names the operator and the note.
    await row.getByTestId('alarm-actions').click();
    await page.getByRole('menuitem', { name: /Journal|Logboek/ }).click();
    const journal = page.getByTestId('alarm-journal');
    const operator = (await page.getByTestId('session-name').textContent()) ?? '';
    const acknowledged = journal.locator('tr[data-event="acknowledged"]');
    await expect(acknowledged).toContainText(operator);
    await expect(acknowledged).toContainText('Crew called, pump 2 checked');
    await page.screenshot({ path: testInfo.outputPath('journal-desk.png') });
    await page.keyboard.press('Escape');

    // Released: the alarm clears and, acknowledged already, leaves the list.
    await release();
    await expect(row).toHaveCount(0, { timeout: 30_000 });
    const input = encodeURIComponent(JSON.stringify({ alarmId: HH, limit: 50 }));
    const entries = await trpc<AlarmTransition[]>(api, `alarms.journal?input=${input}`);
    expect(entries.slice(-3).map((entry) => [entry.event, entry.actor])).toEqual([
      ['activated', null],
      ['acknowledged', operator],
      ['cleared', null],
    ]);
  } finally {
    await release();
    await context.close();
    await api.dispose();
  }
});

test('a viewer sees the list and the journal, but no action anywhere', async ({ browser }) => {
  const context = await contextAs(browser, 'viewer');
  const page = await context.newPage();
  try {
    await hold();
    await page.goto(`${baseUrl()}/alarms`);
    const row = page.locator(`[data-testid=alarm-screen] tr[data-alarm-id="${HH}"]`);
    await expect(row).toBeVisible({ timeout: 15_000 });
    await expect(row.getByTestId('alarm-journal-open')).toBeVisible();
    await expect(page.getByTestId('alarm-actions')).toHaveCount(0);
    await expect(page.getByTestId('alarm-banner-acknowledge')).toHaveCount(0);
    await expect(
      page.getByRole('button', { name: /^(Acknowledge|Bevestigen|Shelve…|Parkeren…)$/ }),
    ).toHaveCount(0);
  } finally {
    await release();
    await context.close();
  }
});

test('mute is shown on screen and kept for the tab; the filters live in the address', async ({ page }) => {
  await page.goto(`${baseUrl()}/alarms`);
  const sound = page.getByTestId('alarm-sound');
  await expect(page.getByTestId('alarm-muted')).toHaveCount(0);
  await page.getByTestId('alarm-mute').click();
  await expect(page.getByTestId('alarm-muted')).toBeVisible();
  await expect(sound).toHaveAttribute('data-sound', 'muted');
  await page.reload();
  await expect(page.getByTestId('alarm-muted')).toBeVisible();

  // After a reload the select may still be hydrating: press it until its popover opens.
  const critical = page.locator('.menu-popover').getByRole('option', { name: /Critical|Kritiek/ });
  await expect(async () => {
    await page.getByTestId('filter-priority').getByRole('button').click();
    await expect(critical).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await critical.click();
  await page.keyboard.press('Escape');
  await expect(page).toHaveURL(/[?&]priority=1\b/);
  await page.reload();
  await expect(page.getByTestId('filter-priority')).toContainText(/Critical|Kritiek|Hoog|1/);

  await page.getByTestId('alarm-mute').click();
  await expect(page.getByTestId('alarm-muted')).toHaveCount(0);
});

/** The map (banner and docked list) and /alarms at desk, wall and tablet size, in both languages. */
test('screenshots: a critical alarm on the map and in the lists, desk, wall and tablet, nl and en', async ({
  browser,
}, testInfo) => {
  test.skip(!process.env.CITY_SCREENSHOTS, 'the screenshot tour runs on demand: CITY_SCREENSHOTS=1');
  test.setTimeout(600_000);
  try {
    await hold();
    for (const locale of ['en', 'nl'] as const) {
      for (const [size, options] of Object.entries(SCREEN_SIZES)) {
        const context = await browser.newContext({ ...options, storageState: ADMIN_STORAGE_STATE });
        await context.addCookies([{ name: 'locale', value: locale, url: baseUrl() }]);
        const page = await context.newPage();
        await openMap(page);
        await expect(dockedRow(page, HH)).toBeVisible({ timeout: 30_000 });
        await page.waitForTimeout(3_000);
        await page.screenshot({ path: testInfo.outputPath(`map-${size}-${locale}.png`) });
        await page.goto(`${baseUrl()}/alarms`);
        await expect(page.locator(`[data-testid=alarm-screen] tr[data-alarm-id="${HH}"]`)).toBeVisible();
        await page.screenshot({ path: testInfo.outputPath(`alarms-${size}-${locale}.png`) });
        if (size === 'desk') {
          await page.locator(`tr[data-alarm-id="${HH}"]`).getByTestId('alarm-actions').click();
          await page.getByRole('menuitem', { name: /Shelve|Parkeren/ }).click();
          await page.screenshot({ path: testInfo.outputPath(`shelve-dialog-${size}-${locale}.png`) });
        }
        await context.close();
      }
    }
  } finally {
    await release();
  }
});
