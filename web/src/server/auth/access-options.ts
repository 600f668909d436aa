import { z } from 'zod';
import { type OidcOptions, oidcEnvShape, oidcFromEnv } from './oidc-options';
import type { SessionPolicy } from './sessions';

/** How the web server decides who may call it, from where. */
export interface AccessOptions {
  /** The URL people use, e.g. https://control.city.example; https turns on Secure cookies and HSTS. */
  publicUrl?: string | undefined;
  /** Host headers accepted besides the public URL's and loopback's (host or host:port). */
  allowedHosts?: readonly string[];
  /** Behind a reverse proxy: take the client address from X-Forwarded-For. */
  trustProxy?: boolean;
  sessions?: Partial<SessionPolicy>;
  /** Single sign-on through the city's OpenID Connect provider; needs publicUrl. */
  oidc?: OidcOptions | undefined;
}

export const DEFAULT_SESSION_POLICY: SessionPolicy = {
  idleTimeoutS: 30 * 60,
  absoluteTimeoutS: 12 * 3600,
  displayTimeoutS: 365 * 86_400,
};

/** The env settings of access, validated with the rest of the web server's env. */
export const accessEnvShape = {
  PUBLIC_URL: z.url({ error: 'PUBLIC_URL must be a URL such as https://control.city.example' }).optional(),
  ALLOWED_HOSTS: z
    .string()
    .optional()
    .transform((hosts) =>
      hosts
        ? hosts
            .split(',')
            .map((host) => host.trim().toLowerCase())
            .filter(Boolean)
        : [],
    ),
  TRUST_PROXY: z.stringbool({ error: 'TRUST_PROXY is true or false' }).default(false),
  SESSION_IDLE_MINUTES: z.coerce
    .number({ error: 'SESSION_IDLE_MINUTES: minutes, e.g. 30' })
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  SESSION_MAX_HOURS: z.coerce
    .number({ error: 'SESSION_MAX_HOURS: hours, e.g. 12' })
    .int()
    .min(1)
    .max(24 * 7)
    .default(12),
  ...oidcEnvShape,
};

/** The access settings as validated from the environment (any env schema that spreads accessEnvShape). */
export type AccessEnv = z.output<z.ZodObject<typeof accessEnvShape>>;

export function accessFromEnv(env: AccessEnv): AccessOptions {
  return {
    publicUrl: env.PUBLIC_URL,
    allowedHosts: env.ALLOWED_HOSTS,
    trustProxy: env.TRUST_PROXY,
    sessions: { idleTimeoutS: env.SESSION_IDLE_MINUTES * 60, absoluteTimeoutS: env.SESSION_MAX_HOURS * 3600 },
    oidc: oidcFromEnv(env),
  };
}
