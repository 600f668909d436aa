import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Logger } from 'pino';
import { computeBuildStamp } from './build-stamp';
import { childEnv } from './env';
import { WEB_ROOT } from './paths';

const NEXT_DIR = join(WEB_ROOT, '.next');
const STAMP_FILE = join(NEXT_DIR, 'city-build-stamp');
// Outside the tree: next build empties .next, and a lock in web/ would need a .gitignore entry.
const LOCK_FILE = join(
  tmpdir(),
  `city-web-build-${createHash('sha256').update(WEB_ROOT).digest('hex').slice(0, 12)}.lock`,
);

/**
 * Makes sure web/.next holds a production build of the current sources, building it (about 30 s)
 * when it is missing or stale. Safe to call from several processes at once: one builds, the others wait.
 */
export async function ensureWebBuild(logger: Logger): Promise<void> {
  const log = logger.child({ component: 'web-build' });
  if (isCurrent()) {
    log.debug('control room build is up to date');
    return;
  }
  const reason = existsSync(join(NEXT_DIR, 'BUILD_ID'))
    ? 'its sources changed since the last build'
    : 'it has not been built yet';
  log.info(
    `Building the control room because ${reason}. This takes about 30 s, once; later starts reuse the build.`,
  );
  const started = Date.now();
  const built = await buildWeb({
    onLine: (line) => log.info({ next: line }, 'next build'),
    onlyIfStale: true,
  });
  if (built) log.info({ seconds: Math.round((Date.now() - started) / 100) / 10 }, 'control room built');
}

/**
 * Runs `next build` and records the stamp of the sources it built, so ensureWebBuild can tell the
 * build is current. `npm run build -w @city/web` calls this. Returns false when, with onlyIfStale,
 * another process had already built the current sources.
 */
export async function buildWeb(options: {
  onLine: (line: string) => void;
  onlyIfStale?: boolean;
}): Promise<boolean> {
  const release = await acquireLock(options.onLine);
  try {
    if (options.onlyIfStale && isCurrent()) return false;
    const stamp = computeBuildStamp();
    await runNextBuild(options.onLine);
    writeFileSync(STAMP_FILE, stamp);
    return true;
  } finally {
    release();
  }
}

function isCurrent(): boolean {
  if (!existsSync(join(NEXT_DIR, 'BUILD_ID')) || !existsSync(STAMP_FILE)) return false;
  return readFileSync(STAMP_FILE, 'utf8').trim() === computeBuildStamp();
}

function runNextBuild(onLine: (line: string) => void): Promise<void> {
  const nextBin = createRequire(join(WEB_ROOT, 'package.json')).resolve('next/dist/bin/next');
  const child = spawn(process.execPath, [nextBin, 'build'], {
    cwd: WEB_ROOT,
    env: childEnv({ NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const tail: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (raw) => {
      // biome-ignore lint/suspicious/noControlCharactersInRegex: strips the ANSI colours of next's output
      const line = raw.replace(/\u001b\[[0-9;]*m/g, '').trim();
      if (!line) return;
      tail.push(line);
      if (tail.length > 30) tail.shift();
      onLine(line);
    });
  }
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => {
      if (code === 0) resolve();
      else
        reject(
          new Error(
            `WEB_BUILD_FAILED: next build in ${WEB_ROOT} exited with ${signal ?? `code ${code}`}. ` +
              `Run "npm run build -w @city/web" to see the full output. Last lines:\n${tail.join('\n')}`,
          ),
        );
    });
  });
}

/** A lock file holding the builder's pid; a lock left by a dead process is taken over. */
async function acquireLock(onLine: (line: string) => void): Promise<() => void> {
  let announced = false;
  for (;;) {
    try {
      const fd = openSync(LOCK_FILE, 'wx');
      writeFileSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(LOCK_FILE, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const text = readLock();
    const holder = Number(text);
    // An empty lock is one being written right now, not a stale one.
    if (text !== '' && !(Number.isInteger(holder) && holder > 0 && isAlive(holder))) {
      rmSync(LOCK_FILE, { force: true });
      continue;
    }
    if (!announced) onLine(`waiting for process ${holder} to finish building the control room`);
    announced = true;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

function readLock(): string {
  try {
    return readFileSync(LOCK_FILE, 'utf8').trim();
  } catch {
    return '';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
