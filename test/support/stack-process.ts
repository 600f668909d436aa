import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './ports';

const TEST_ROOT = join(import.meta.dirname, '..');
const WEB_ROOT = join(TEST_ROOT, '..', 'web');

export interface StackProcess {
  url: string;
  child: ChildProcess;
  output: () => string;
  stop(): Promise<number | null>;
}

/**
 * Runs `npm start`'s entry point as a real child process on free ports and a fresh embedded data dir,
 * and resolves once it says the control room is ready. A PORT in `env` is kept: a stack whose URL must
 * be known before it starts (PUBLIC_URL, a redirect URI registered at an identity provider) names it.
 */
export function startStackProcess(env: Record<string, string> = {}, readyTimeoutMs = 180_000) {
  return startProcess(
    { cwd: TEST_ROOT, entry: 'stack/main.ts', readyLine: 'control room ready' },
    env,
    readyTimeoutMs,
  );
}

/**
 * The control room alone (web/server.ts, docker-compose's `web`), without cabinets or gateways, on the
 * database in env.DATABASE_URL or a fresh embedded one: for a spec that looks at one screen's setting.
 */
export function startWebProcess(env: Record<string, string> = {}, readyTimeoutMs = 180_000) {
  return startProcess(
    { cwd: WEB_ROOT, entry: 'server.ts', readyLine: 'control room listening' },
    env,
    readyTimeoutMs,
  );
}

async function startProcess(
  program: { cwd: string; entry: string; readyLine: string },
  env: Record<string, string>,
  readyTimeoutMs: number,
): Promise<StackProcess> {
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const dataDir = await mkdtemp(join(tmpdir(), 'city-e2e-'));
  const child = spawn(process.execPath, ['--import', 'tsx', program.entry], {
    cwd: program.cwd,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      CABINET_PORT: '0',
      CABINET_CONTROL_PORT: '0',
      CITY_DATA_DIR: dataDir,
      LOG_FORMAT: 'json',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    log += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    log += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const started = Date.now();
  while (!log.includes(program.readyLine)) {
    if (child.exitCode !== null)
      throw new Error(`the stack exited with ${child.exitCode} before it was ready:\n${log}`);
    if (Date.now() - started > readyTimeoutMs) {
      child.kill('SIGKILL');
      throw new Error(`the stack was not ready within ${readyTimeoutMs} ms:\n${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    output: () => log,
    async stop() {
      child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      const code = await exited;
      clearTimeout(timer);
      await rm(dataDir, { recursive: true, force: true });
      return code;
    },
  };
}
