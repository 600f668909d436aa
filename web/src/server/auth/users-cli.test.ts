import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findUserByName, listAudit, openDatabase } from '@city/db';
import { createTestDatabase, type TestDatabase } from '@city/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from './passwords';

const SCRIPT = join(import.meta.dirname, '..', '..', '..', 'scripts', 'users.ts');

/** `npm run users -- …` as an admin types it, with the password on standard input. */
function users(
  args: string[],
  env: Record<string, string>,
  stdin = '',
): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const { DATABASE_URL: _url, CITY_DATA_DIR: _dir, ...inherited } = process.env;
    const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT, ...args], {
      env: { ...inherited, ...env },
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.stdin.end(stdin);
    child.on('exit', (code) => resolve({ code: code ?? -1, out }));
  });
}

describe('npm run users', () => {
  let target: TestDatabase;
  beforeAll(async () => {
    target = await createTestDatabase('postgres');
  });
  afterAll(() => target?.drop());

  it('adds an account with the password from standard input, lists and disables it', async () => {
    const env = { DATABASE_URL: target.url ?? '' };
    const added = await users(['add', 'anna.devries', '--role', 'operator'], env, 'correct horse battery\n');
    expect(added).toMatchObject({ code: 0, out: expect.stringContaining('created anna.devries (operator)') });
    const user = await findUserByName(target.db, 'anna.devries');
    expect(await verifyPassword(user?.passwordHash ?? null, 'correct horse battery')).toBe(true);
    const short = await users(['add', 'bob', '--role', 'viewer'], env, 'short\n');
    expect(short.code).toBe(1);
    expect(short.out).toContain('a password needs at least 12 characters');
    expect((await users(['disable', 'anna.devries'], env)).out).toContain('disabled anna.devries');
    expect((await users(['list'], env)).out).toMatch(/anna\.devries\s+operator\s+user\s+disabled/);
    const audit = await listAudit(target.db, { action: 'user.' });
    expect(audit.map((row) => row.action)).toEqual(['user.disable', 'user.create']);
    expect(audit[0]).toMatchObject({ target: 'anna.devries', after: { disabled: true } });
    expect(audit[0]?.actor).toMatch(/^system:users-cli:/);
  }, 60_000);

  it('refuses to open the embedded database while another process holds it', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'city-users-cli-'));
    // This process stands in for a running `npm start`: it holds the data dir's lock.
    const held = await openDatabase({ dataDir });
    try {
      const refused = await users(['list'], { CITY_DATA_DIR: dataDir });
      expect(refused.code).toBe(1);
      expect(refused.out).toContain('stop "npm start" first');
    } finally {
      await held.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
