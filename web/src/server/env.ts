import { databaseEnvShape, parseEnv } from '@city/db';
import { z } from 'zod';
import { accessEnvShape } from './auth/access-options';
import { oidcFromEnv } from './auth/oidc-options';
import { basemapEnvShape, basemapFromEnv } from './basemap/basemap-setting';

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
  ...basemapEnvShape,
  /**
   * Names the NOTIFY channel web instances share screens on (see cluster-adapter), so a role that
   * does not know it, such as a gateway's, cannot post to every screen. The same for every instance
   * of a deployment; required in production on a server. Elsewhere each start makes one up.
   */
  CLUSTER_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_+/=-]{32,}$/, {
      error: 'CLUSTER_SECRET: at least 32 letters and digits, e.g. from `openssl rand -hex 32`',
    })
    .optional(),
});
export type WebEnv = z.infer<typeof WebEnvSchema>;

export function loadWebEnv(source: NodeJS.ProcessEnv = process.env): WebEnv {
  try {
    const env = parseEnv(WebEnvSchema, source);
    // How the OIDC_* settings fit together (issuer, client, role map, PUBLIC_URL) is checked here too,
    // so a mistake there stops the start with the same message as any other.
    oidcFromEnv(env);
    basemapFromEnv(env);
    if (source.NODE_ENV === 'production' && env.DATABASE_URL && !env.CLUSTER_SECRET)
      throw new Error(
        'CLUSTER_SECRET is required in production on a server: one per deployment, the same for every web instance (e.g. `openssl rand -hex 32`)',
      );
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
