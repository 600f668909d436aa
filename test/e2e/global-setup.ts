import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { assertChromium } from '../support/chromium';
import { startStackProcess } from '../support/stack-process';
import { ADMIN_STORAGE_STATE } from './auth';
import { createFirstAdmin } from './first-admin';

const CONTROL_URL = /cabinet fault injection at (https?:\/\/[^\s"]+)\/cabinets/;

/**
 * Starts the whole city exactly as `npm start` does, once for all browser tests, and creates the first
 * admin through the setup route as a person would from the printed link. Its session cookie becomes the
 * storage state every page opens with; specs that test signing in start from an empty one.
 */
export default async function globalSetup() {
  assertChromium();
  const stack = await startStackProcess();
  try {
    const { password, storageState } = await createFirstAdmin(stack);
    await mkdir(dirname(ADMIN_STORAGE_STATE), { recursive: true });
    await writeFile(ADMIN_STORAGE_STATE, JSON.stringify(storageState));
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
