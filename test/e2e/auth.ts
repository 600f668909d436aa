import { join } from 'node:path';

/*
 * What the browser tests share about signing in. Kept apart from @city/web (whose AUTH_ROUTES the
 * specs import) so that playwright.config.ts, which every worker loads, does not load the server.
 */

/** The first admin the global setup creates from the stack's one-time setup link. */
export const E2E_ADMIN = 'e2e-admin';

/** Where the global setup keeps the admin's session cookie; playwright.config.ts opens every page with it. */
export const ADMIN_STORAGE_STATE = join(
  import.meta.dirname,
  '..',
  '.results',
  'e2e-admin.storage-state.json',
);

export function baseUrl(): string {
  const url = process.env.CITY_BASE_URL;
  if (!url) throw new Error('CITY_BASE_URL is unset: the global setup did not start the stack');
  return url;
}

/** The admin's password, random per run; set by the global setup for specs that sign in by hand. */
export function adminPassword(): string {
  const password = process.env.CITY_E2E_ADMIN_PASSWORD;
  if (!password)
    throw new Error('CITY_E2E_ADMIN_PASSWORD is unset: the global setup did not create the admin');
  return password;
}
