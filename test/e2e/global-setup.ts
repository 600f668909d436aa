import { randomBytes } from 'node:crypto';
import { AUTH_ROUTES } from '@city/web';
import { request } from '@playwright/test';
import { assertChromium } from '../support/chromium';
import { type StackProcess, startStackProcess } from '../support/stack-process';
import { ADMIN_STORAGE_STATE, E2E_ADMIN } from './auth';

const SETUP_LINK = /setup link: (https?:\/\/[^\s"]+)/;
const CONTROL_URL = /cabinet fault injection at (https?:\/\/[^\s"]+)\/cabinets/;

/** The stack prints its one-time setup link on a fresh start with no users, just after it is ready. */
async function setupToken(stack: StackProcess, timeoutMs = 30_000): Promise<string> {
  const started = Date.now();
  for (;;) {
    const link = SETUP_LINK.exec(stack.output())?.[1];
    if (link) {
      const token = new URL(link).searchParams.get('token');
      if (!token) throw new Error(`the setup link carries no token: ${link}`);
      return token;
    }
    if (Date.now() - started > timeoutMs)
      throw new Error(
        `the stack printed no "setup link:" line within ${timeoutMs} ms:\n${stack.output().slice(-4000)}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * Starts the whole city exactly as `npm start` does, once for all browser tests, and creates the first
 * admin through the setup route as a person would from the printed link. Its session cookie becomes the
 * storage state every page opens with; specs that test signing in start from an empty one.
 */
export default async function globalSetup() {
  assertChromium();
  const stack = await startStackProcess();
  try {
    const token = await setupToken(stack);
    const password = randomBytes(18).toString('base64url');
    // The server refuses a state-changing request without an Origin of its own (no cross-site forgery).
    const api = await request.newContext({ baseURL: stack.url, extraHTTPHeaders: { origin: stack.url } });
    const created = await api.post(AUTH_ROUTES.setup, { data: { token, name: E2E_ADMIN, password } });
    if (!created.ok())
      throw new Error(
        `setup refused (${created.status()}): ${await created.text()}\n${stack.output().slice(-4000)}`,
      );
    await api.storageState({ path: ADMIN_STORAGE_STATE });
    await api.dispose();
    process.env.CITY_BASE_URL = stack.url;
    process.env.CITY_E2E_SIGNED_IN_AT = String(Date.now());
    const control = CONTROL_URL.exec(stack.output())?.[1];
    if (control) process.env.CITY_CONTROL_URL = control;
    process.env.CITY_E2E_ADMIN_PASSWORD = password;
  } catch (error) {
    await stack.stop();
    throw error;
  }
  return async () => {
    const code = await stack.stop();
    if (code !== 0)
      throw new Error(`the stack did not stop cleanly (exit ${code}):\n${stack.output().slice(-4000)}`);
  };
}
