import { expect, type Page, test } from '@playwright/test';
import { pixelStats } from '../support/canvas-pixels';
import { baseUrl } from './auth';

const NO2 = 'value-aq-vondelpark/no2';

/** Opens the control room (signed in by the global setup), and marks the document so that a reload would be noticed. */
async function openControlRoom(page: Page) {
  await page.goto(baseUrl());
  await expect(page).not.toHaveURL(/\/login/);
  await page.evaluate(() => {
    (window as unknown as { notReloaded: boolean }).notReloaded = true;
  });
  const value = page.getByTestId(NO2);
  await expect(value).toHaveText(/\d/, { timeout: 30_000 });
  return value;
}

/** The check the live view must pass: the displayed value changes while the page stays the same document. */
async function expectLiveUpdate(page: Page, timeout: number) {
  const value = page.getByTestId(NO2);
  const before = {
    text: await value.textContent(),
    sourceTime: await value.getAttribute('data-source-time'),
  };
  await expect(value).not.toHaveAttribute('data-source-time', before.sourceTime ?? '', { timeout });
  const notReloaded = await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded);
  expect(notReloaded, 'the value changed through a reload, not a live update').toBe(true);
  return before;
}

test('an operator sees sensor values change live on the map, without a reload', async ({
  page,
}, testInfo) => {
  await openControlRoom(page);
  await expect(page.getByTestId('link-status')).toHaveAttribute('data-status', 'live');
  const texts = new Set<string | null>();
  for (let i = 0; i < 3; i += 1) texts.add((await expectLiveUpdate(page, 15_000)).text);
  texts.add(await page.getByTestId(NO2).textContent());
  // The simulated NO2 moves every second; three updates that all print the same number would mean a frozen display.
  expect(texts.size).toBeGreaterThan(1);

  const screenshot = await page.screenshot({ path: testInfo.outputPath('control-room.png') });
  await testInfo.attach('control-room', { body: screenshot, contentType: 'image/png' });

  const canvas = page.locator('canvas').first();
  await expect(canvas).toBeVisible();
  const pixels = pixelStats(await canvas.screenshot());
  // Water, land, district lines, sensor dots and labels: a drawn map has many colours, a blank canvas one.
  expect(pixels.distinctColours).toBeGreaterThan(20);
  expect(pixels.dominantShare).toBeLessThan(0.9);
});

test('the live check fails when live updates stop (telemetry frames dropped on purpose)', async ({
  page,
}) => {
  // Proves the test above can fail: the socket still connects and the snapshot arrives, but every
  // telemetry frame is dropped on its way to the page, as a broken realtime path would.
  await page.routeWebSocket(/\/socket\.io\//, (ws) => {
    const server = ws.connectToServer();
    server.onMessage((message) => {
      if (typeof message === 'string' && message.startsWith('42["telemetry"')) return;
      ws.send(message);
    });
  });
  await openControlRoom(page);
  const outcome = await expectLiveUpdate(page, 8_000).then(
    () => 'the value changed',
    (error: unknown) => (error instanceof Error ? error.message : String(error)),
  );
  expect(outcome).toMatch(/data-source-time/);
  expect(outcome).toMatch(/Timeout|timed out/i);
});
