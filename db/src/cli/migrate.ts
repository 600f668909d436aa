/**
 * `npm run db:migrate`: brings the configured database (DATABASE_URL, or the embedded one) up to date.
 *   npm run db:migrate -- [--web-role <name> --password-file <file>]
 * With --web-role it then creates (or updates) the web server's login role, a member of city_web with
 * the password in the file (a compose secret): see web-role.ts.
 */
import { parseArgs } from 'node:util';
import { messageOf } from '../errors';
import { migrate } from '../migrate';
import { openDatabase } from '../open';
import { readEnv } from './env';
import { checkWebRoleName, ensureWebLogin, readPasswordFile } from './web-role';

/** The web role to create, if asked; read before the database is opened, so a bad call changes nothing. */
function webRoleArgs(): { name: string; password: string } | undefined {
  const { values } = parseArgs({
    options: { 'web-role': { type: 'string' }, 'password-file': { type: 'string' } },
  });
  const name = values['web-role'];
  const file = values['password-file'];
  if (name === undefined && file === undefined) return undefined;
  if (name === undefined || file === undefined) {
    throw new Error('--web-role and --password-file go together: --web-role <name> --password-file <file>');
  }
  checkWebRoleName(name);
  return { name, password: readPasswordFile(file) };
}

try {
  const webRole = webRoleArgs();
  const env = readEnv();
  const db = await openDatabase({ url: env.DATABASE_URL, dataDir: env.CITY_DATA_DIR });
  try {
    const report = await migrate(db);
    const features = report.timescaledb ? 'TimescaleDB' : 'plain PostgreSQL (no TimescaleDB extension)';
    console.log(
      report.applied.length > 0
        ? `Migrated ${db.location} to version ${report.current} (${features}); applied ${report.applied.join(', ')}.`
        : `${db.location} is up to date at version ${report.current} (${features}).`,
    );
    if (webRole) {
      const done = await ensureWebLogin(db, webRole.name, webRole.password);
      console.log(`Web login role ${webRole.name} ${done} (a member of city_web, not a superuser).`);
    }
  } finally {
    await db.close();
  }
} catch (error) {
  console.error(messageOf(error));
  process.exitCode = 1;
}
