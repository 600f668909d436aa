import { expect, type Page, test } from '@playwright/test';
import { baseUrl } from './auth';
import { holdPoint, releasePoint } from './city-control';

/*
 * Test 4 of issue 14: switching to Dutch and back changes every visible string, alarm messages and
 * number formats included. "Every" is checked, not sampled: all visible text lines of a screen are
 * read in both languages, the data (asset and user names, numbers, ids) is set aside, and what is
 * left must differ, apart from words that are the same in both languages.
 */

/** Words that are spelled the same in Dutch and English, or are names and symbols, not language. */
const SAME_IN_BOTH = new Set([
  'Amsterdam',
  'LIVE',
  'Audit',
  'NO₂',
  'PM10',
  'PM2.5',
  'Nederlands',
  'English',
  'Status',
  'Detail',
  'e2e-admin',
]);

/** A line that is data rather than language: numbers, times, units, ids and codes. */
const DATA_LINE =
  /^[\d\s.,:;%/+\-–—−()°µ³²₂·×→←a-zA-Z]{0,3}$|^[\d\s.,:%/+\-–—−()°µ³²₂·×]+[a-zA-Z/³²µ%°]*[\d\s.,:%]*$|^[a-z0-9-]+(\/[a-z0-9_.-]+)?$/;

/**
 * Data, not language: a number, time or id, a name, or such parts joined by " · " (a side panel row's
 * "Zuidoost · 13:49:27": a district and a 24-hour time, the same in both languages), or a person's
 * quoted note.
 */
function isData(line: string, dataNames: ReadonlySet<string>): boolean {
  if (QUOTED.test(line)) return true;
  return line.split(' · ').every((part) => DATA_LINE.test(part) || dataNames.has(part));
}

/** What a person wrote, quoted as written: a note on an acknowledgement in the journal. */
const QUOTED = /^“[^”]*”$/;

interface Named {
  id: string;
  name: string;
  unit?: string;
}

async function visibleLines(page: Page, dataNames: ReadonlySet<string>): Promise<Set<string>> {
  // innerText, not textContent: only what is rendered and visible counts.
  // biome-ignore lint/performance/useDomNodeTextContent: the visible text is the point
  const text = await page.evaluate(() => document.body.innerText);
  return new Set(
    text
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line.length > 1)
      .filter((line) => !isData(line, dataNames))
      .filter((line) => !SAME_IN_BOTH.has(line)),
  );
}

async function switchTo(page: Page, language: 'Nederlands' | 'English', lang: 'nl' | 'en') {
  await page.getByTestId('language-switch').getByRole('button', { name: language }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
  await page.waitForLoadState('networkidle');
}

test('switching to Dutch and back changes every visible string, alarm messages and number formats included', async ({
  page,
}, testInfo) => {
  // A pumping station in alarm, so an alarm message is on screen in both languages.
  await holdPoint('cab-buiksloterham', 'buiksloterham-pump-plc', 'wet_well_level', 3.9);
  try {
    const catalog = await (await page.request.get(`${baseUrl()}/api/trpc/map.assets`)).json();
    const { assets, channels } = (catalog as { result: { data: { assets: Named[]; channels: Named[] } } })
      .result.data;
    const districts = await (await page.request.get(`${baseUrl()}/basemap/districts.geojson`)).json();
    const districtNames = (districts as { features: { properties: { name: string } }[] }).features.map(
      (feature) => feature.properties.name,
    );
    // Names of places and things, and units, are data: the same in every language.
    const dataNames = new Set([
      ...[...assets, ...channels].flatMap((item) => [item.name, item.id]),
      ...channels.flatMap((channel) => (channel.unit ? [channel.unit] : [])),
      ...districtNames,
    ]);

    for (const path of ['/', '/alarms', '/assets/ps-buiksloterham']) {
      await page.goto(`${baseUrl()}${path}`);
      await switchTo(page, 'English', 'en');
      await page.waitForTimeout(2_000);
      const english = await visibleLines(page, dataNames);
      await page.screenshot({ path: testInfo.outputPath(`language${path.replaceAll('/', '_')}-en.png`) });

      await switchTo(page, 'Nederlands', 'nl');
      await page.waitForTimeout(2_000);
      const dutch = await visibleLines(page, dataNames);
      await page.screenshot({ path: testInfo.outputPath(`language${path.replaceAll('/', '_')}-nl.png`) });

      const untranslated = [...english].filter((line) => dutch.has(line));
      expect(untranslated, `${path}: lines that read the same in English and Dutch`).toEqual([]);
      expect(english.size, `${path}: the English screen shows text`).toBeGreaterThan(5);

      await switchTo(page, 'English', 'en');
      await page.waitForTimeout(2_000);
      // Live values and the sound state move on meanwhile; what must hold is that no Dutch is left.
      const back = await visibleLines(page, dataNames);
      const dutchLeft = [...back].filter((line) => dutch.has(line) && !english.has(line));
      expect(dutchLeft, `${path}: Dutch lines left after switching back to English`).toEqual([]);
    }
  } finally {
    await releasePoint('cab-buiksloterham', 'buiksloterham-pump-plc', 'wet_well_level');
  }
});

test('numbers follow the language: a decimal comma in Dutch, a decimal point in English', async ({
  page,
}) => {
  await page.goto(`${baseUrl()}/assets/ps-buiksloterham`);
  await switchTo(page, 'Nederlands', 'nl');
  const level = page.locator('tr[data-channel="ps-buiksloterham/level"] [data-testid=live-value]');
  await expect(level).toHaveText(/\d,\d/);
  await switchTo(page, 'English', 'en');
  await expect(level).toHaveText(/\d\.\d/);
});

test("channels are named in the reader's language, and a state reads as a word with its number in the tooltip", async ({
  page,
}) => {
  const row = (metric: string) =>
    page.locator(`[data-testid=live-values] tr[data-channel="ps-buiksloterham/${metric}"]`);
  await page.goto(`${baseUrl()}/assets/ps-buiksloterham`);
  await switchTo(page, 'Nederlands', 'nl');
  await expect(row('level').locator('th')).toHaveText('Niveau pompkelder');
  await expect(row('pump1-mode').locator('.live-number')).toHaveText(/^(uit|automatisch|hand)$/);
  await expect(row('pump1-mode').locator('.live-number')).toHaveAttribute('title', /^waarde [0-2]$/);
  await expect(row('pump1-running').locator('.live-number')).toHaveText(/^(stil|draait)$/);
  await expect(page.getByTestId('setpoint-row').first()).toContainText(/Startniveau|Stopniveau/);

  await switchTo(page, 'English', 'en');
  await expect(row('level').locator('th')).toHaveText('Wet-well level');
  await expect(row('pump1-mode').locator('.live-number')).toHaveText(/^(off|auto|hand)$/);
  await expect(row('pump1-mode').locator('.live-number')).toHaveAttribute('title', /^value [0-2]$/);
  await expect(row('pump1-running').locator('.live-number')).toHaveText(/^(stopped|running)$/);
});
