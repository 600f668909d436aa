import { randomBytes } from 'node:crypto';
import { AUTH_ROUTES } from '@city/web';
import { request } from '@playwright/test';
import type { StackProcess } from '../support/stack-process';
import { E2E_ADMIN } from './auth';

const SETUP_LINK = /setup link: (https?:\/\/[^\s"]+)/;

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
 * Creates a fresh stack's first admin through the setup route, as a person would from the printed
 * link, and returns the signed-in browser state (the session cookie) with the password.
 */
export async function createFirstAdmin(stack: StackProcess) {
  const token = await setupToken(stack);
  const password = randomBytes(18).toString('base64url');
  // The server refuses a state-changing request without an Origin of its own (no cross-site forgery).
  const api = await request.newContext({ baseURL: stack.url, extraHTTPHeaders: { origin: stack.url } });
  try {
    const created = await api.post(AUTH_ROUTES.setup, { data: { token, name: E2E_ADMIN, password } });
    if (!created.ok())
      throw new Error(
        `setup refused (${created.status()}): ${await created.text()}\n${stack.output().slice(-4000)}`,
      );
    return { password, storageState: await api.storageState() };
  } finally {
    await api.dispose();
  }
}
