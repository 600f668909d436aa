import { defineConfig } from '@playwright/test';
import { ADMIN_STORAGE_STATE } from './e2e/auth';
import { chromiumArgs, chromiumPath } from './support/chromium';

export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results',
  // One stack, one browser: this machine has two cores, and software WebGL is slow.
  workers: 1,
  fullyParallel: false,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  globalSetup: './e2e/global-setup.ts',
  reporter: [['list'], ['json', { outputFile: '.results/playwright.json' }]],
  use: {
    viewport: { width: 1920, height: 1080 },
    // Signed in as the admin the global setup created; login.spec.ts starts signed out instead.
    storageState: ADMIN_STORAGE_STATE,
    launchOptions: { executablePath: chromiumPath, args: chromiumArgs },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
