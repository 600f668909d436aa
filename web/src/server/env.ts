import { databaseEnvShape, parseEnv } from '@city/db';
import { z } from 'zod';
import { accessEnvShape } from './auth/access-options';
import { oidcFromEnv } from './auth/oidc-options';

/** The web server's environment, validated once at boot. The only file in @city/web that reads process.env. */
const WebEnvSchema = z.object({
  PORT: z.coerce
    .number({ error: 'expected a TCP port number such as 3000' })
    .int()
    .min(0)
    .max(65_535)
    .default(3000),
  HOST: z.string().min(1).optional(),
  ...databaseEnvShape,
  ...accessEnvShape,
});
export type WebEnv = z.infer<typeof WebEnvSchema>;

export function loadWebEnv(source: NodeJS.ProcessEnv = process.env): WebEnv {
  try {
    const env = parseEnv(WebEnvSchema, source);
    // How the OIDC_* settings fit together (issuer, client, role map, PUBLIC_URL) is checked here too,
    // so a mistake there stops the start with the same message as any other.
    oidcFromEnv(env);
    return env;
  } catch (error) {
    throw new Error(`WEB_BAD_ENV: the web server's environment is invalid:
${(error as Error).message}`);
  }
}

/** The environment for a child process: ours plus overrides (e.g. to keep `next build` quiet and offline). */
export function childEnv(overrides: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, ...overrides };
}

/** Next's and Node's convention: only a developer's own server says development. */
export function isDevelopment(source: NodeJS.ProcessEnv = process.env): boolean {
  return source.NODE_ENV === 'development';
}
