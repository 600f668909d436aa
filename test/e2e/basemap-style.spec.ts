import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { insertReadings, upsertAssets, upsertChannels } from '@city/db';
import { createTestDatabase, type TestDatabase } from '@city/db/testing';
import { signInAs } from '@city/web/testing';
import { expect, test } from '@playwright/test';
import { no2Of, station } from '../bench/map-city';
import { cityArchive } from '../support/city-archive';
import { type StackProcess, startWebProcess } from '../support/stack-process';

/*
 * A city that has its own base map (a MapLibre style over a PMTiles archive, configured with
 * BASEMAP_STYLE) sees it under the live layers. The archive is Amsterdam's land and districts,
 * written by the test (support/city-archive.ts); the server, MapLibre, the PMTiles reader and
 * Chromium are the real ones. A control room of its own (web/server.ts, configured from its
 * environment as in production), without cabinets: only the map is looked at.
 */

interface BasemapProbe {
  idle: boolean;
  error: string | null;
  renderedLayers(): Record<string, number>;
  camera(): { longitude: number; latitude: number; zoom: number } | null;
}
declare global {
  interface Window {
    __cityBasemap?: BasemapProbe;
  }
}
/** deck.gl's camera, from the map's own probe (web/src/map/map-probe.ts). */
type DeckCamera = { __cityMap?: { viewState(): { longitude: number; latitude: number; zoom: number } } };

const CREDIT = 'Test archive: Amsterdam land and districts';
const STYLE = {
  version: 8,
  sources: { city: { type: 'vector', url: 'pmtiles://city.pmtiles', attribution: `<b>${CREDIT}</b>` } },
  layers: [
    { id: 'water', type: 'background', paint: { 'background-color': '#b9c3cc' } },
    { id: 'land', type: 'fill', source: 'city', 'source-layer': 'land', paint: { 'fill-color': '#ecebe8' } },
    {
      id: 'districts',
      type: 'line',
      source: 'city',
      'source-layer': 'districts',
      paint: { 'line-color': '#7d838a', 'line-width': 2 },
    },
  ],
};

const STATION = station('aq-vondelpark', 'Vondelpark', [4.8698, 52.3579], 'Zuid');
const NO2 = no2Of(STATION.id);

let folder = '';
let database: TestDatabase | undefined;
let server: StackProcess | undefined;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  folder = await mkdtemp(join(tmpdir(), 'city-basemap-'));
  await writeFile(join(folder, 'city.pmtiles'), cityArchive());
  await writeFile(join(folder, 'city-style.json'), JSON.stringify(STYLE));
  database = await createTestDatabase('postgres');
  await upsertAssets(database.db, [STATION]);
  await upsertChannels(database.db, [NO2]);
  await insertReadings(database.db, [
    { channelId: NO2.id, value: 31, statusCode: 0, sourceTime: new Date() },
  ]);
  if (!database.url) throw new Error('the test database has no URL');
  server = await startWebProcess({
    DATABASE_URL: database.url,
    BASEMAP_STYLE: join(folder, 'city-style.json'),
  });
});

test.afterAll(async () => {
  const code = await server?.stop();
  if (server && code !== 0)
    console.warn(`the control room exited with ${code}:\n${server.output().slice(-2000)}`);
  await database?.drop();
  if (folder) await rm(folder, { recursive: true, force: true });
});

test("the city's own PMTiles base map draws under the live layers and follows the camera", async ({
  browser,
}, testInfo) => {
  if (!server || !database) throw new Error('the control room did not start');
  const { cookie } = await signInAs(database.db, server.url, 'viewer', 'basemap-viewer');
  const [name = '', value = ''] = cookie.split('=');
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'en-GB' });
  await context.addCookies([{ name, value, url: server.url }]);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });

  await page.goto(server.url);
  await expect(page.getByTestId('city-map')).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
  await page.waitForFunction(() => window.__cityBasemap?.idle || window.__cityBasemap?.error, null, {
    timeout: 60_000,
  });
  expect(await page.evaluate(() => window.__cityBasemap?.error ?? null)).toBeNull();
  // Features of both source layers of the archive are on screen: the tiles were read and drawn.
  const drawn = await page.evaluate(() => window.__cityBasemap?.renderedLayers() ?? {});
  expect(drawn.land ?? 0).toBeGreaterThan(0);
  expect(drawn.districts ?? 0).toBeGreaterThan(0);
  await expect(page.getByTestId('map-attribution')).toContainText(CREDIT);
  await expect(page.getByTestId('map-attribution')).not.toContainText('<b>');
  await page.screenshot({ path: testInfo.outputPath('pmtiles-basemap-desk.png') });

  // Dragging moves deck.gl's camera; the base map goes with it.
  const box = await page.getByTestId('city-map').boundingBox();
  if (!box) throw new Error('the map has no box');
  const before = await page.evaluate(
    () => (window as unknown as DeckCamera).__cityMap?.viewState().longitude ?? 0,
  );
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 - 300, box.y + box.height / 2, { steps: 10 });
  await page.mouse.up();
  await expect
    .poll(() =>
      page.evaluate(() => {
        const deck = (window as unknown as DeckCamera).__cityMap?.viewState();
        const base = window.__cityBasemap?.camera();
        return deck && base ? Math.abs(deck.longitude - base.longitude) + Math.abs(deck.zoom - base.zoom) : 1;
      }),
    )
    .toBeLessThan(1e-6);
  expect(
    await page.evaluate(() => (window as unknown as DeckCamera).__cityMap?.viewState().longitude ?? 0),
  ).toBeGreaterThan(before + 0.01);
  await page.screenshot({ path: testInfo.outputPath('pmtiles-basemap-panned-desk.png') });
  expect(errors).toEqual([]);
  await context.close();
});
