import { z } from 'zod';
import { DEFAULT_EMBEDDED_DATA_DIR } from './open';

/** The variables every process that opens the database understands; each process's env.ts spreads them in. */
export const databaseEnvShape = {
  /** A PostgreSQL or TimescaleDB server; without it the embedded database is used. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'expected postgres://user:password@host:5432/database')
    .optional(),
  /** The embedded database's folder. */
  CITY_DATA_DIR: z.string().min(1).default(DEFAULT_EMBEDDED_DATA_DIR),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
};

/** Validates an environment, or throws one message that names every bad variable and what it expects. */
export function parseEnv<Schema extends z.ZodType>(
  schema: Schema,
  source: NodeJS.ProcessEnv,
): z.output<Schema> {
  const parsed = schema.safeParse(source);
  if (parsed.success) return parsed.data;
  throw new Error(
    parsed.error.issues
      .map((issue) => `environment variable ${issue.path.join('.')}: ${issue.message}`)
      .join('\n'),
  );
}
