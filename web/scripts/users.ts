/**
 * `npm run users -- <command>`: accounts on DATABASE_URL, or on the embedded database when it is not
 * in use. The password is read from standard input, so scripts and CI can pipe it in:
 *
 *   printf '%s\n' "$PASSWORD" | npm run users -- add anna.devries --role operator [--name "Anna de Vries"]
 *   npm run users -- list
 *   npm run users -- disable anna.devries     (ends every session of the account at once)
 *   npm run users -- enable anna.devries
 */
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import {
  type Database,
  listUsers,
  migrate,
  openDatabase,
  recordAudit,
  revokeUserSessions,
  setUserDisabled,
} from '@city/db';
import { ROLES } from '@city/domain';
import { ZodError, z } from 'zod';
import { AccountExistsError, createAccount, SYSTEM_ACTOR } from '../src/server/auth/accounts';
import { loadWebEnv } from '../src/server/env';

const USAGE = `usage: npm run users -- add <name> --role <${ROLES.join('|')}> [--name "Display Name"]   (password on stdin)
       npm run users -- list
       npm run users -- disable <name>
       npm run users -- enable <name>`;

async function readPassword(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('password (at least 12 characters), then Enter: ');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

async function run(
  db: Database,
  command: string | undefined,
  name: string | undefined,
  role: string | undefined,
  displayName: string | undefined,
) {
  const by = SYSTEM_ACTOR(`users-cli:${userInfo().username}`);
  switch (command) {
    case 'add': {
      if (!name || !role) throw new Error(USAGE);
      const user = await createAccount(
        db,
        { name, role: role as never, displayName, password: await readPassword() },
        by,
      );
      return `created ${user.name} (${user.role})`;
    }
    case 'list': {
      const users = await listUsers(db);
      if (users.length === 0) return 'no accounts yet';
      return users
        .map(
          (u) =>
            `${u.name.padEnd(24)} ${u.role.padEnd(9)} ${u.kind.padEnd(8)} ${u.disabled ? 'disabled' : 'active'}  ${u.displayName}`,
        )
        .join('\n');
    }
    case 'disable':
    case 'enable': {
      if (!name) throw new Error(USAGE);
      const disable = command === 'disable';
      const ended = await db.transaction(async (tx) => {
        const before = await setUserDisabled(tx, name, disable);
        if (!before) throw new Error(`no account named "${name}"; npm run users -- list shows them`);
        const sessionsEnded = disable ? await revokeUserSessions(tx, before.id, 'account disabled') : 0;
        await recordAudit(tx, {
          by,
          action: `user.${command}`,
          target: name,
          before: { disabled: before.disabled },
          after: { disabled: disable },
          details: { sessionsEnded },
        });
        return sessionsEnded;
      });
      return `${command}d ${name}${ended > 0 ? `; ended ${ended} open session(s)` : ''}`;
    }
    default:
      throw new Error(USAGE);
  }
}

try {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { role: { type: 'string' }, name: { type: 'string' } },
  });
  const [command, name] = positionals;
  const env = loadWebEnv();
  const db = await openDatabase({ url: env.DATABASE_URL, dataDir: env.CITY_DATA_DIR }).catch(
    (error: unknown) => {
      const code = (error as { code?: string }).code;
      if (code === 'CITY_DB_DATA_DIR_LOCKED')
        throw new Error(
          `${(error as Error).message}\nThe embedded database serves one process: stop "npm start" first (Ctrl-C), run this command, then start it again. Opening it twice would corrupt it.`,
        );
      throw error;
    },
  );
  try {
    await migrate(db);
    console.log(await run(db, command, name, values.role, values.name));
  } finally {
    await db.close();
  }
} catch (error) {
  if (error instanceof AccountExistsError) console.error(error.message);
  else if (error instanceof ZodError) console.error(`refused:\n${z.prettifyError(error)}`);
  else console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
