import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { MONOREPO_ROOT, RUNTIME_DEPENDENCIES, runtimeManifests } from '../scripts/runtime-lock';
import { DEPLOYED_BUFFER_PATH, DEPLOYED_PKI_DIR } from './from-city';

/**
 * The Pi in the street cabinet is the least trusted place of the city: what hardware/pi installs there
 * runs as a user of its own with nothing it does not need, and comes from the lockfile, never from
 * whatever the registry holds on the day (hardware/pi/install.sh, city-gateway.service).
 */
const PI = join(MONOREPO_ROOT, 'hardware', 'pi');
const unitText = readFileSync(join(PI, 'city-gateway.service'), 'utf8');
const script = readFileSync(join(PI, 'install.sh'), 'utf8');
const work = mkdtempSync(join(tmpdir(), 'city-pi-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The [Service] section's settings, each key with all its values (systemd allows repeats). */
function serviceSettings(text: string): Map<string, string[]> {
  const settings = new Map<string, string[]>();
  let section = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[(.+)\]$/.exec(line);
    if (header) section = header[1] ?? '';
    else if (section === 'Service') {
      const at = line.indexOf('=');
      const key = line.slice(0, at);
      settings.set(key, [...(settings.get(key) ?? []), line.slice(at + 1)]);
    }
  }
  return settings;
}

/** install.sh's command lines: continuation lines joined, without comments or quoted text (messages). */
const commands = script
  .replace(/\\\n\s*/g, '')
  .split('\n')
  .filter((line) => !line.trim().startsWith('#'))
  .map((line) => line.replace(/"[^"]*"|'[^']*'/g, '""'));

describe('the systemd unit of a cabinet gateway', () => {
  const service = serviceSettings(unitText);
  const one = (key: string) => service.get(key)?.at(-1);

  it('runs as the system user install.sh creates, never root, and can gain no privileges', () => {
    const user = one('User') ?? '';
    expect(user).toMatch(/^[a-z][a-z0-9-]*$/);
    expect(['root', '0']).not.toContain(user);
    expect(['root', '0', undefined]).not.toContain(one('Group'));
    expect(
      commands.some((line) => line.includes('useradd --system') && line.trim().endsWith(` ${user}`)),
    ).toBe(true);
    expect(one('NoNewPrivileges')).toBe('yes');
    expect(one('CapabilityBoundingSet')).toBe('');
    expect(one('RestrictSUIDSGID')).toBe('yes');
  });

  it('sees the system read-only, with a private /tmp, and writes only where its buffer and certificates live', () => {
    expect(one('ProtectSystem')).toBe('strict');
    expect(one('PrivateTmp')).toBe('yes');
    expect(one('ProtectHome')).toBe('yes');
    const writable = (service.get('ReadWritePaths') ?? []).flatMap((paths) => paths.split(/\s+/));
    for (const path of [dirname(DEPLOYED_BUFFER_PATH), DEPLOYED_PKI_DIR]) {
      expect(
        writable.some((dir) => path === dir || path.startsWith(`${dir}/`)),
        `${path} in ReadWritePaths`,
      ).toBe(true);
    }
  });

  it.skipIf(!hasCommand('systemd-analyze'))('has no setting systemd does not know', () => {
    const file = join(work, 'city-gateway.service');
    writeFileSync(file, unitText);
    const { stdout, stderr } = spawnSync('systemd-analyze', ['verify', file], { encoding: 'utf8' });
    expect(`${stdout}${stderr}`).not.toMatch(/Unknown key|Unknown section|Failed to parse|Invalid/);
  });
});

describe('install.sh', () => {
  it('is valid bash', () => {
    expect(() => execFileSync('bash', ['-n', join(PI, 'install.sh')], { stdio: 'pipe' })).not.toThrow();
  });

  it('installs the dependencies with npm ci from the lockfile, as the service user, never npm install', () => {
    const npm = commands.filter((line) => /\bnpm\s+\w/.test(line));
    expect(npm.length).toBeGreaterThan(0);
    for (const line of npm) {
      expect(line).not.toMatch(/\bnpm\s+(install|i|add|update|exec)\b/);
      expect(line).toMatch(/\bnpm ci\b/);
      expect(line).toMatch(/runuser -u city-gateway -- /);
    }
  });
});

describe('the runtime lockfile beside the bundle', () => {
  const { manifest, lockfile } = runtimeManifests();
  const rootLock = JSON.parse(readFileSync(join(MONOREPO_ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { version: string }>;
  };

  it('holds the versions the gateway is tested with, for every package the bundle leaves outside', () => {
    const expected = Object.fromEntries(
      RUNTIME_DEPENDENCIES.map((name) => [name, rootLock.packages[`node_modules/${name}`]?.version]),
    );
    expect(manifest).toMatchObject({ dependencies: expected });
    expect(lockfile).toMatchObject({ lockfileVersion: 3, packages: { '': { dependencies: expected } } });
  });

  it('is complete: npm ci accepts it without the network or a cache', async () => {
    const dir = join(work, 'runtime');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest));
    writeFileSync(join(dir, 'package-lock.json'), JSON.stringify(lockfile));
    // Offline with an empty cache, npm fails on the first package it would have to look up.
    const { stdout } = await promisify(execFile)(
      'npm',
      [
        'ci',
        '--dry-run',
        '--offline',
        '--omit=dev',
        '--no-audit',
        '--no-fund',
        '--cache',
        join(work, 'empty-cache'),
      ],
      { cwd: dir },
    );
    expect(stdout).toMatch(/added \d+ packages/);
  }, 60_000);
});

function hasCommand(name: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}
