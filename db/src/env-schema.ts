import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { DEFAULT_EMBEDDED_DATA_DIR } from './open';

/** The variables every process that opens the database understands; each process's env.ts spreads them in. */
export const databaseEnvShape = {
  /** A PostgreSQL or TimescaleDB server; without it the embedded database is used. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'expected postgres://user:password@host:5432/database')
    .optional(),
  /**
   * A file holding the password of DATABASE_URL's user (a compose or systemd secret), so the password
   * is in neither the environment nor the compose file; DATABASE_URL then names no password.
   */
  DATABASE_PASSWORD_FILE: z.string().min(1).optional(),
  /** The embedded database's folder. */
  CITY_DATA_DIR: z.string().min(1).default(DEFAULT_EMBEDDED_DATA_DIR),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
};

/**
 * Validates an environment, or throws one message that names every bad variable and what it expects.
 * Where DATABASE_PASSWORD_FILE is set, the password is read here and put into DATABASE_URL, so every
 * process (web, gateway, migrations) opens the database the same way without handling the file itself.
 */
export function parseEnv<Schema extends z.ZodType>(
  schema: Schema,
  source: NodeJS.ProcessEnv,
): z.output<Schema> {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    throw new Error(
      parsed.error.issues
        .map((issue) => `environment variable ${issue.path.join('.')}: ${issue.message}`)
        .join('\n'),
    );
  }
  const env: unknown = parsed.data;
  if (!hasPasswordFile(env)) return parsed.data;
  // The same object with one variable completed: still the schema's output.
  return {
    ...env,
    DATABASE_URL: urlWithPasswordFrom(env.DATABASE_URL, env.DATABASE_PASSWORD_FILE),
  } as z.output<Schema>;
}

function hasPasswordFile(env: unknown): env is { DATABASE_URL?: string; DATABASE_PASSWORD_FILE: string } {
  return (
    typeof env === 'object' && env !== null && typeof Reflect.get(env, 'DATABASE_PASSWORD_FILE') === 'string'
  );
}

/** DATABASE_URL with the password from the file; each mistake is refused with the fix. */
function urlWithPasswordFrom(url: string | undefined, file: string): string {
  const fail = (message: string): never => {
    throw new Error(`environment variable DATABASE_PASSWORD_FILE: ${message}`);
  };
  if (!url)
    return fail(
      'set DATABASE_URL too (postgres://user@host:5432/database): the file holds only the password',
    );
  const parsed = new URL(url);
  if (parsed.password)
    return fail(
      'DATABASE_URL holds a password already: remove it from DATABASE_URL (postgres://user@host:5432/database)',
    );
  if (!parsed.username)
    return fail(
      'DATABASE_URL names no user: put the role whose password the file holds in it (postgres://user@host:5432/database)',
    );
  let password: string;
  try {
    // A secret written with `echo` ends in a newline that is no part of the password.
    password = readFileSync(file, 'utf8').replace(/\r?\n$/, '');
  } catch (error) {
    return fail(
      `cannot read ${file} (${(error as Error).message}): create it, e.g. openssl rand -hex 32 > ${file}, or point the variable at the secret`,
    );
  }
  if (password.length === 0)
    return fail(`${file} is empty: write the password into it, e.g. openssl rand -hex 32 > ${file}`);
  parsed.password = encodeURIComponent(password);
  return parsed.toString();
}
