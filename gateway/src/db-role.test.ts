import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Database, latestValues, listAssets, listGateways, openDatabase, upsertAssets } from '@city/db';
import { createTestDatabase, dropTestRole, type TestDatabase } from '@city/db/testing';
import { findCabinet, loadCity } from '@city/hardware/city';
import { type RunningCabinet, startCabinet } from '@city/hardware/simulators';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatewayConfigForCabinet } from './from-city';
import { type RunningGateway, startGateway } from './gateway';

const GATEWAY_DIR = join(import.meta.dirname, '..');
const logger = pino({ level: 'silent' });
const city = loadCity();
const cabinet = findCabinet(city, 'cab-vondelpark');
const work = mkdtempSync(join(tmpdir(), 'city-db-role-'));
// The URL says who signs in; a password file in the test's own environment must not override it.
const { DATABASE_PASSWORD_FILE: _ignored, ...environment } = process.env;

/** The CLI as an operator runs it, with DATABASE_URL in its environment and, maybe, the password on stdin. */
function cli(
  url: string,
  args: string[],
  stdin = '',
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'db-role', ...args], {
      cwd: GATEWAY_DIR,
      env: { ...environment, DATABASE_URL: url },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

const loginUrl = (url: string, role: string, password: string) => {
  const login = new URL(url);
  login.username = role;
  login.password = password;
  return login.toString();
};

describe('a new cabinet gets a database role of its own (gateway db-role)', () => {
  const role = `gw_test_${randomBytes(5).toString('hex')}`;
  const password = randomBytes(24).toString('base64url');
  let target: TestDatabase;
  let url: string;
  let asGateway: Database | undefined;
  let field: RunningCabinet | undefined;
  let gateway: RunningGateway | undefined;

  beforeAll(async () => {
    target = await createTestDatabase('postgres');
    url = target.url as string;
  });
  afterAll(async () => {
    await gateway?.stop();
    await field?.stop();
    await asGateway?.close();
    await target?.drop();
    await dropTestRole(role);
    rmSync(work, { recursive: true, force: true });
  });

  it('refuses a password on the command line, and names what it needs', async () => {
    const { code, stderr } = await cli(url, ['create', 'gw-cab-vondelpark', '--role', role]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/--password-file <path\|->/);
    expect(stderr).toMatch(/never from the command line/);
  });

  it('creates the role with the password from stdin and registers the cabinet’s channels', async () => {
    const created = await cli(
      url,
      ['create', 'gw-cab-vondelpark', '--role', role, '--password-file', '-', '--city', 'skeleton'],
      `${password}\n`,
    );
    expect(created.stderr).toBe('');
    expect(created.stdout).toMatch(new RegExp(`^created role ${role} for gateway gw-cab-vondelpark`));
    const listed = await cli(url, ['list']);
    expect(listed.stdout).toMatch(
      new RegExp(`^${role}\\tgw-cab-vondelpark\\t[1-9]\\d* channels\\tlogin$`, 'm'),
    );
    // Again, with the password in a file: the same role, a new password; the old one no longer opens it.
    const file = join(work, 'password');
    writeFileSync(file, `${password}-rotated\n`);
    const again = await cli(url, ['create', 'gw-cab-vondelpark', '--role', role, '--password-file', file]);
    expect(again.stdout).toMatch(/^updated role/);
    await expect(openDatabase({ url: loginUrl(url, role, password) })).rejects.toThrow(
      /authentication failed/,
    );
    asGateway = await openDatabase({ url: loginUrl(url, role, `${password}-rotated`) });
  });

  it('a gateway signed in as it polls into the database, but registers no assets and reads no users', async () => {
    const db = asGateway as Database;
    field = await startCabinet(cabinet, { host: '127.0.0.1', port: 0, logger });
    const { config, provision } = gatewayConfigForCabinet(city, cabinet.id, {
      port: field.port,
      pollIntervalMs: 200,
    });
    // The operator renames an asset; a gateway's provisioning must not put the old name back.
    const [asset] = provision.assets;
    await upsertAssets(target.db, [
      { ...asset, name: 'Renamed by the control room' } as typeof asset & object,
    ]);
    gateway = await startGateway({ db, config, provision, cabinetId: cabinet.id, logger });
    field.setPointValue('vondelpark-aq-logger', 'no2', 61.5);
    await expect
      .poll(
        async () => (await latestValues(target.db)).find((v) => v.channelId === 'aq-vondelpark/no2')?.value,
        {
          timeout: 10_000,
        },
      )
      .toBe(61.5);
    expect((await listGateways(target.db)).map((g) => g.id)).toEqual(['gw-cab-vondelpark']);
    expect((await listAssets(target.db)).find((a) => a.id === asset?.id)?.name).toBe(
      'Renamed by the control room',
    );
    await expect(db.query('SELECT * FROM users')).rejects.toThrow(/permission denied/);
  });

  it('cannot make roles itself: run as a gateway role, it says which role it needs', async () => {
    const { code, stderr } = await cli(
      loginUrl(url, role, `${password}-rotated`),
      ['create', 'gw-cab-oost', '--password-file', '-', '--city', 'skeleton'],
      'another-long-password-0123456789',
    );
    expect(code).toBe(2);
    expect(stderr).toMatch(/permission denied.*may create roles/s);
  });
});
