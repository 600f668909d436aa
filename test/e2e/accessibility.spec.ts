import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { baseUrl } from './auth';

/*
 * Test 6 of issue 14: axe-core finds no serious or critical violation (WCAG 2.1 A and AA rules) on
 * the map, the alarm list and an asset page, each in one of the two languages (the language test shows
 * both render the same elements). The deck.gl canvas is a picture; the same facts are in the side
 * panel's tables, which axe does check.
 */
const SCREENS = [
  ['/', 'nl'],
  ['/alarms', 'en'],
  ['/assets/ps-buiksloterham', 'nl'],
] as const;

for (const [path, locale] of SCREENS) {
  test(`${path} in ${locale} has no serious or critical accessibility violation`, async ({
    page,
    context,
  }) => {
    await context.addCookies([{ name: 'locale', value: locale, url: baseUrl() }]);
    await page.goto(`${baseUrl()}${path}`);
    await expect(page.locator('html')).toHaveAttribute('lang', locale);
    await page.waitForLoadState('networkidle');
    const results = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze();
    const serious = results.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => ({
        rule: violation.id,
        impact: violation.impact,
        help: violation.help,
        where: violation.nodes.slice(0, 5).map((node) => node.target.join(' ')),
      }));
    expect(serious).toEqual([]);
    expect(results.passes.length, 'axe checked the page').toBeGreaterThan(10);
  });
}
