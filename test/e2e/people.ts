import { randomBytes } from 'node:crypto';
import type { Role } from '@city/domain';
import { AUTH_ROUTES } from '@city/web';
import { type Browser, type BrowserContext, request } from '@playwright/test';
import { ADMIN_STORAGE_STATE, baseUrl } from './auth';

/**
 * People of other roles for the browser tests, made the way an admin makes them: an invitation
 * through the admin API, then the person sets a password from the link. Each gets a browser context
 * of their own, so the spec acts as them and the server, not the page, says what they may do.
 */
export async function contextAs(
  browser: Browser,
  role: Role,
  name = `${role}-${randomBytes(3).toString('hex')}`,
): Promise<BrowserContext> {
  const url = baseUrl();
  const admin = await request.newContext({
    baseURL: url,
    storageState: ADMIN_STORAGE_STATE,
    extraHTTPHeaders: { origin: url, 'content-type': 'application/json' },
  });
  const created = await admin.post('/api/trpc/admin.users.create', { data: { name, role } });
  if (!created.ok())
    throw new Error(`admin.users.create refused (${created.status()}): ${await created.text()}`);
  const { setupPath } = ((await created.json()) as { result: { data: { setupPath: string } } }).result.data;
  await admin.dispose();

  const token = new URL(setupPath, url).searchParams.get('token');
  const person = await request.newContext({ baseURL: url, extraHTTPHeaders: { origin: url } });
  const password = randomBytes(18).toString('base64url');
  const setup = await person.post(AUTH_ROUTES.setup, { data: { token, name, password } });
  if (!setup.ok()) throw new Error(`setup as ${name} refused (${setup.status()}): ${await setup.text()}`);
  const storageState = await person.storageState();
  await person.dispose();
  return browser.newContext({ storageState });
}
