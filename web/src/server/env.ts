import { z } from 'zod';

/** The web server's environment, validated once at boot. The only file in @city/web that reads process.env. */
const WebEnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().min(1).optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'expected postgres://user:password@host:5432/database')
    .optional(),
  /** Embedded database folder, used when DATABASE_URL is absent. */
  CITY_DATA_DIR: z.string().min(1).default('.data/timescaledb'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});
export type WebEnv = z.infer<typeof WebEnvSchema>;

export function loadWebEnv(source: Record<string, string | undefined> = process.env): WebEnv {
  const parsed = WebEnvSchema.safeParse(source);
  if (!parsed.success) {
    throw new Error(
      `WEB_BAD_ENV: the web server's environment is invalid:\n${z.prettifyError(parsed.error)}`,
    );
  }
  return parsed.data;
}

/** The environment for a child process: ours plus overrides (e.g. to keep `next build` quiet and offline). */
export function childEnv(overrides: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, ...overrides };
}
