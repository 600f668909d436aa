import { DEFAULT_EMBEDDED_DATA_DIR } from '@city/db';
import { z } from 'zod';

/** Everything `npm start` can be told through the environment, validated before anything starts. */
const EnvSchema = z.object({
  PORT: z.coerce
    .number({ error: 'expected a TCP port number such as 3000' })
    .int()
    .min(0)
    .max(65_535)
    .default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  /** A PostgreSQL or TimescaleDB server instead of the embedded database. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'expected postgres://user:password@host:5432/database')
    .optional(),
  CITY_DATA_DIR: z.string().min(1).default(DEFAULT_EMBEDDED_DATA_DIR),
  /** The city description to run; default the skeleton city. */
  CITY_FILE: z.string().min(1).optional(),
  /** Modbus TCP port of the virtual cabinet; default the one in the city file. 0 picks a free port. */
  CABINET_PORT: z.coerce
    .number({ error: 'expected a TCP port number such as 1502' })
    .int()
    .min(0)
    .max(65_535)
    .optional(),
  POLL_INTERVAL_MS: z.coerce
    .number({ error: 'expected milliseconds between 50 and 60000, e.g. 1000' })
    .int()
    .min(50)
    .max(60_000)
    .default(1000),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal']).default('info'),
  /** pretty for people at a terminal, json for log collectors; default pretty on a TTY. */
  LOG_FORMAT: z.enum(['pretty', 'json']).optional(),
});
export type StackEnv = z.output<typeof EnvSchema>;

export function readEnv(source: NodeJS.ProcessEnv = process.env): StackEnv {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    throw new Error(
      parsed.error.issues
        .map((issue) => `environment variable ${issue.path.join('.')}: ${issue.message}`)
        .join('\n'),
    );
  }
  return parsed.data;
}
