import { assertChromium } from '../support/chromium';
import { startStackProcess } from '../support/stack-process';

/** Starts the whole city exactly as `npm start` does, once for all browser tests. */
export default async function globalSetup() {
  assertChromium();
  const stack = await startStackProcess();
  process.env.CITY_BASE_URL = stack.url;
  return async () => {
    const code = await stack.stop();
    if (code !== 0)
      throw new Error(`the stack did not stop cleanly (exit ${code}):\n${stack.output().slice(-4000)}`);
  };
}
