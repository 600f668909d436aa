import { type Browser, expect, type Page, test } from '@playwright/test';
import { PNG } from 'pngjs';
import { baseUrl } from './auth';
import { clearFault, setFault } from './city-control';

/** What the map reports about itself (web/src/map/map-probe.ts), as far as these tests read it. */
interface Probe {
  ready: boolean;
  features(): Array<{ id: string; layer: string; x: number; y: number }>;
  labels(): Array<{ id: string; x: number; y: number; width: number; height: number }>;
  viewState(): { longitude: number; latitude: number; zoom: number };
  highlighted(): string | null;
}
type Box = { id: string; x: number; y: number; width: number; height: number };

const LAYERS = ['traffic', 'air', 'sewer', 'lighting', 'cabinets'] as const;

async function openMap(page: Page) {
  await page.goto(baseUrl());
  await expect(page.getByTestId('city-map')).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
  await page.waitForFunction(() => {
    const probe = (window as unknown as { __cityMap?: Probe }).__cityMap;
    return !!probe && probe.labels().length > 5 && probe.features().some((f) => f.layer === 'cabinets');
  });
  await page.waitForTimeout(1_000);
}

const probe = <T>(page: Page, read: (probe: Probe) => T) =>
  page.evaluate(`(${read.toString()})(window.__cityMap)`) as Promise<T>;

/** How many pixels differ between two screenshots of the same element. */
function changedPixels(a: Buffer, b: Buffer): number {
  const [x, y] = [PNG.sync.read(a), PNG.sync.read(b)];
  let changed = 0;
  for (let i = 0; i < x.data.length; i += 4) {
    if (
      Math.abs((x.data[i] ?? 0) - (y.data[i] ?? 0)) + Math.abs((x.data[i + 1] ?? 0) - (y.data[i + 1] ?? 0)) >
      24
    )
      changed += 1;
  }
  return changed;
}

const overlap = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

function overlappingPairs(boxes: readonly Box[]): string[] {
  const pairs: string[] = [];
  for (const [i, a] of boxes.entries())
    for (const b of boxes.slice(i + 1)) if (overlap(a, b)) pairs.push(`${a.id} × ${b.id}`);
  return pairs;
}

test.describe.configure({ mode: 'serial' });
// Software WebGL on two shared cores: a first load and each canvas screenshot take seconds.
test.beforeEach(() => test.setTimeout(300_000));

test('all five layers are drawn: switching each off changes the map', async ({ page }) => {
  await openMap(page);
  const canvas = page.locator('[data-testid="city-map"] canvas').first();
  for (const layer of LAYERS) {
    const toggle = page.locator(`.map-toggle[data-layer="${layer}"]`);
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    const before = await canvas.screenshot();
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
    await page.waitForTimeout(600);
    const after = await canvas.screenshot();
    expect(changedPixels(before, after), `switching ${layer} off changed nothing on the map`).toBeGreaterThan(
      150,
    );
    expect(await probe(page, (p) => p.features().map((f) => f.layer))).not.toContain(layer);
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  }
});

test('the console asks for its catalog and base map once each, from preloads in the page head', async ({
  page,
}) => {
  await openMap(page);
  const requests = await page.evaluate(() =>
    (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
      .filter((entry) => entry.name.includes('map.assets') || entry.name.includes('/basemap/'))
      .map((entry) => ({
        asked: new URL(entry.name).pathname.replace(/^\/api\/trpc\/.*/, 'catalog'),
        initiator: entry.initiatorType,
      }))
      .sort((a, b) => a.asked.localeCompare(b.asked)),
  );
  // One request each, started by a <link rel="preload">: had the client's URL or CORS mode drifted
  // from the preload's, the page would have asked twice (and fetched 3.5 MB twice at 10,000 stations),
  // and the base map would wait for the scripts before it was even asked for.
  expect(requests).toEqual([
    { asked: '/basemap/areas.geojson', initiator: 'link' },
    { asked: '/basemap/districts.geojson', initiator: 'link' },
    { asked: '/basemap/land.geojson', initiator: 'link' },
    { asked: 'catalog', initiator: 'link' },
  ]);
});

/**
 * Records each WebGL context a page makes, with its canvas's size then, and every later change of a
 * context's canvas size (a drawing-buffer reallocation, which waits on the GPU process). A string:
 * tsx would wrap a function's inner helpers in a helper the page does not have.
 */
const RECORD_CONTEXTS = `(() => {
  const made = (window.__contexts = []);
  const resized = (window.__resizedContexts = []);
  const getContext = HTMLCanvasElement.prototype.getContext;
  HTMLCanvasElement.prototype.getContext = function (kind, ...rest) {
    const context = getContext.call(this, kind, ...rest);
    if (kind === 'webgl2' && context && !this.__made) {
      this.__made = true;
      made.push({ canvas: this, width: this.width, height: this.height });
    }
    return context;
  };
  for (const side of ['width', 'height']) {
    const property = Object.getOwnPropertyDescriptor(HTMLCanvasElement.prototype, side);
    Object.defineProperty(HTMLCanvasElement.prototype, side, {
      get: property.get,
      set(value) {
        if (this.__made && value !== property.get.call(this)) resized.push(side + ' ' + value);
        property.set.call(this, value);
      },
      configurable: true,
    });
  }
})();`;

test("a reloaded map makes only its two WebGL contexts, each at its canvas's drawn size", async ({
  page,
}) => {
  await page.addInitScript(RECORD_CONTEXTS);
  await openMap(page);
  await page.reload();
  await openMap(page);
  const contexts = await page.evaluate(() => {
    const w = window as unknown as {
      __contexts: Array<{ canvas: HTMLCanvasElement; width: number; height: number }>;
      __resizedContexts: string[];
    };
    return {
      made: w.__contexts.map(({ canvas, width, height }) => ({
        mapCanvas: !!canvas.closest('[data-testid="city-map"]'),
        sizeAtStart: `${width}×${height}`,
        sizeNow: `${canvas.width}×${canvas.height}`,
      })),
      resized: w.__resizedContexts,
    };
  });
  // The live layers' canvas and the base map's: the renderer the first load's map reported is
  // remembered, so no throw-away context is made to ask it again.
  expect(contexts.made).toHaveLength(2);
  for (const context of contexts.made) {
    expect(context.mapCanvas).toBe(true);
    expect(
      context.sizeAtStart,
      'a context made at the default 300×150 is reallocated on its first frame',
    ).toBe(context.sizeNow);
  }
  expect(contexts.resized).toEqual([]);
});

test('the district filter narrows the panel and what the socket delivers', async ({ page }) => {
  const watches: string[] = [];
  const telemetry: string[] = [];
  page.on('websocket', (ws) => {
    ws.on('framesent', ({ payload }) => {
      if (typeof payload === 'string' && payload.startsWith('42["watch"')) watches.push(payload);
    });
    ws.on('framereceived', ({ payload }) => {
      if (typeof payload === 'string' && payload.startsWith('42["telemetry"')) telemetry.push(payload);
    });
  });
  await openMap(page);
  const panel = page.getByTestId('asset-panel');
  const allRows = Number(await panel.getAttribute('data-rows'));
  await page.getByTestId('district-filter').click();
  await page.getByRole('option', { name: 'Noord', exact: true }).click();
  await expect.poll(() => watches.at(-1) ?? '').toContain('"districts":["Noord"]');
  await expect(page.getByTestId('asset-ps-buiksloterham')).toBeVisible();
  await expect(page.getByTestId('asset-aq-vondelpark')).toHaveCount(0);
  const noordRows = Number(await panel.getAttribute('data-rows'));
  expect(noordRows).toBeGreaterThan(0);
  expect(noordRows).toBeLessThan(allRows);
  // Frames that arrive after the watch carry Noord's values only: none of Zuid's Vondelpark station.
  // (The first may have been in flight when the watch went out.) A pumping station's values come when
  // they change or on the gateway's heartbeat, so wait for one rather than for a number of frames.
  const seen = telemetry.length;
  const later = () => telemetry.slice(seen + 1).join('\n');
  await expect.poll(later, { timeout: 30_000 }).toContain('ps-buiksloterham/');
  expect(later()).not.toContain('aq-vondelpark/');
  const districts = await probe(page, (p) => p.features().map((f) => f.id));
  expect(districts).toContain('ps-buiksloterham');
  expect(districts).not.toContain('aq-vondelpark');
});

test("the side panel's numbers change at most once a second while values stream in", async ({ page }) => {
  await openMap(page);
  const commits = await page.evaluate(async () => {
    const panel = document.querySelector('[data-testid=asset-panel]');
    const times: number[] = [];
    const observer = new MutationObserver(() => times.push(performance.now()));
    if (panel) observer.observe(panel, { subtree: true, childList: true, characterData: true });
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    observer.disconnect();
    return times;
  });
  // One React commit is one observer call; the demo city's gateways deliver several frames a second.
  expect(commits.length, 'the panel never showed a new value').toBeGreaterThan(0);
  expect(commits.length).toBeLessThanOrEqual(7);
  const gaps = commits.slice(1).map((at, i) => at - (commits[i] ?? 0));
  expect(Math.min(...gaps)).toBeGreaterThan(900);
});

test('no two labels on the map overlap, where the old fixed layout did', async ({ page }) => {
  await openMap(page);
  for (const zoomOut of [0, 1]) {
    if (zoomOut) {
      const box = await page.getByTestId('city-map').boundingBox();
      await page.mouse.move((box?.x ?? 0) + 300, (box?.y ?? 0) + 400);
      await page.mouse.wheel(0, 400);
      await page.waitForTimeout(1_500);
    }
    const labels = await probe(page, (p) => p.labels());
    expect(labels.length).toBeGreaterThan(zoomOut ? 1 : 5);
    expect(overlappingPairs(labels), 'labels overlap').toEqual([]);
    // The same labels as the old layout drew them (every chip at one fixed offset below its mark)
    // do overlap: the check above is one that catches that layout.
    const features = await probe(page, (p) => p.features());
    const fixed = features
      .filter((f) => f.layer === 'traffic')
      .map((f) => ({ id: f.id, x: f.x - 120, y: f.y + 16, width: 240, height: 48 }));
    expect(overlappingPairs(fixed).length).toBeGreaterThan(0);
  }
});

test('a station whose logger stops answering is drawn differently, and says so on hover', async ({
  page,
}) => {
  await openMap(page);
  const value = page.getByTestId('value-aq-vondelpark/no2');
  await expect(value).toHaveAttribute('data-quality', 'good');
  const where = await probe(page, (p) => p.features().find((f) => f.id === 'aq-vondelpark'));
  if (!where) throw new Error('aq-vondelpark is not on the map');
  const map = page.getByTestId('city-map');
  const box = await map.boundingBox();
  const clip = { x: (box?.x ?? 0) + where.x - 30, y: (box?.y ?? 0) + where.y - 30, width: 60, height: 60 };
  const before = await page.screenshot({ clip });
  await setFault('cab-vondelpark', 'vondelpark-aq-logger', 'no-response', { probability: 1 });
  try {
    await expect(value).not.toHaveAttribute('data-quality', 'good', { timeout: 45_000 });
    await page.waitForTimeout(1_000);
    const after = await page.screenshot({ clip });
    expect(changedPixels(before, after), 'the station looks the same with a bad value').toBeGreaterThan(40);
    await page.mouse.move(clip.x + 30, clip.y + 30);
    // The live map's tooltip: the base map's canvas has a deck of its own, with an empty one.
    const tooltip = page.locator('.map-canvas .deck-tooltip');
    await expect(tooltip).toContainText(/Amsterdam-Vondelpark/);
    await expect(tooltip).toContainText(/Slecht|Onzeker|Bad|Uncertain|geleden|ago/);
    await page.screenshot({ path: test.info().outputPath('map-bad-value-tooltip.png') });
  } finally {
    await clearFault('cab-vondelpark', 'vondelpark-aq-logger');
  }
});

test('focusAsset flies the map to the asset and rings it', async ({ page }) => {
  await openMap(page);
  const start = await probe(page, (p) => p.viewState());
  await page.getByTestId('asset-ps-buiksloterham').getByRole('button').click();
  await expect.poll(() => probe(page, (p) => p.highlighted())).toBe('ps-buiksloterham');
  await expect
    .poll(async () => (await probe(page, (p) => p.viewState())).zoom, { timeout: 10_000 })
    .toBeGreaterThanOrEqual(14);
  const end = await probe(page, (p) => p.viewState());
  expect(end.zoom).toBeGreaterThan(start.zoom);
  expect(end.longitude).toBeCloseTo(4.902, 2);
  expect(end.latitude).toBeCloseTo(52.393, 2);
  await page.screenshot({ path: test.info().outputPath('map-focus-buiksloterham.png') });
});

const SCREENS = [
  { name: 'desk', width: 1920, height: 1080, scale: 1 },
  { name: 'wall', width: 1920, height: 1080, scale: 2 },
  { name: 'tablet', width: 800, height: 1280, scale: 1 },
] as const;

async function screenshotIn(browser: Browser, locale: 'nl' | 'en', screen: (typeof SCREENS)[number]) {
  const context = await browser.newContext({
    storageState: test.info().project.use.storageState as string,
    viewport: { width: screen.width, height: screen.height },
    deviceScaleFactor: screen.scale,
  });
  await context.addCookies([{ name: 'locale', value: locale, url: baseUrl() }]);
  const page = await context.newPage();
  await openMap(page);
  await page.waitForTimeout(1_500);
  await page.screenshot({ path: test.info().outputPath(`map-${screen.name}-${locale}.png`) });
  await context.close();
}

for (const locale of ['nl', 'en'] as const) {
  test(`screenshots at desk, wall and tablet in ${locale}`, async ({ browser }) => {
    test.skip(!process.env.CITY_SCREENSHOTS, 'the screenshot tour runs on demand: CITY_SCREENSHOTS=1');
    test.setTimeout(240_000);
    for (const screen of SCREENS) await screenshotIn(browser, locale, screen);
  });
}
