import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../database';
import { migrate } from '../migrate';
import { openDatabase } from '../open';
import { createTestDatabase, type TestDatabase } from '../testing';

const run = promisify(execFile);
const CLI = join(import.meta.dirname, 'migrate.ts');

/** The compose `provision` step, on the real server: roles exist only there, not in the embedded database. */
describe('the web server signs in under a login role of its own (docker-compose)', () => {
  const role = `city_test_web_${randomBytes(4).toString('hex')}`;
  const dir = mkdtempSync(join(tmpdir(), 'city-secrets-'));
  let target: TestDatabase;
  let web: Database | undefined;
  beforeAll(async () => {
    target = await createTestDatabase('postgres');
  });
  afterAll(async () => {
    await web?.close();
    await target?.drop();
    await target?.db.query(`DROP ROLE IF EXISTS ${role}`).catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  });

  /** The migrate CLI as provision runs it: owner URL without a password, passwords from files. */
  async function provision(webPassword: string): Promise<string> {
    const owner = new URL(target.url ?? '');
    const ownerPassword = decodeURIComponent(owner.password);
    owner.password = '';
    writeFileSync(join(dir, 'owner'), `${ownerPassword}\n`);
    writeFileSync(join(dir, 'web'), webPassword);
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', CLI, '--web-role', role, '--password-file', join(dir, 'web')],
      {
        env: { ...process.env, DATABASE_URL: owner.toString(), DATABASE_PASSWORD_FILE: join(dir, 'owner') },
      },
    );
    return stdout;
  }

  function urlAs(password: string): string {
    const url = new URL(target.url ?? '');
    url.username = role;
    url.password = password;
    return url.toString();
  }

  it('creates the role once and sets its password again on the next run', async () => {
    expect(await provision('first-password')).toMatch(`Web login role ${role} created`);
    expect(await provision('second-password')).toMatch(`Web login role ${role} updated`);
    await expect(openDatabase({ url: urlAs('first-password') })).rejects.toThrow(/password/);
    web = await openDatabase({ url: urlAs('second-password') });
    const { rows } = await web.query<{ rolsuper: boolean; member: boolean }>(
      `SELECT rolsuper, pg_has_role(current_user, 'city_web', 'USAGE') AS member FROM pg_roles WHERE rolname = current_user`,
    );
    expect(rows[0]).toEqual({ rolsuper: false, member: true });
  });

  it('boots on the migrated database without DDL, reads what city_web may, and cannot touch the schema or the audit', async () => {
    if (!web) throw new Error('the role was not created');
    expect((await migrate(web)).applied).toEqual([]);
    await expect(web.query('SELECT count(*) FROM channels')).resolves.toBeDefined();
    await expect(web.query('CREATE TABLE web_was_here (id int)')).rejects.toThrow(/permission denied/);
    await expect(web.query('DELETE FROM audit_log')).rejects.toThrow(/permission denied/);
  });

  it('refuses to make city_web itself or a bad name the login role, before opening the database', async () => {
    // No database at all: a refusal that opened one would fail differently.
    const env = { ...process.env, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' };
    await expect(
      run(process.execPath, [
        '--import',
        'tsx',
        CLI,
        '--web-role',
        'city_web',
        '--password-file',
        join(dir, 'web'),
      ]),
    ).rejects.toThrow(/CITY_DB_BAD_WEB_ROLE/);
    await expect(
      run(process.execPath, ['--import', 'tsx', CLI, '--web-role', role], { env }),
    ).rejects.toThrow(/--web-role and --password-file go together/);
  });
});
