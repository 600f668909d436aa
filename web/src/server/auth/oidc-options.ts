import { readFileSync } from 'node:fs';
import { ROLES, type Role, RoleSchema } from '@city/domain';
import { z } from 'zod';

/** Single sign-on through the city's OpenID Connect provider (Entra ID, Keycloak, ADFS). */
export interface OidcOptions {
  /** The issuer identifier; its /.well-known/openid-configuration is read on the first sign-in. */
  issuer: string;
  clientId: string;
  /** Undefined: a public client, protected by PKCE alone. */
  clientSecret?: string | undefined;
  /** Where the role claim is, as a dotted path into the claims: `roles`, `groups`, `realm_access.roles`. */
  roleClaim: string;
  /** Claim value → our role. A value that is not here grants nothing. */
  roleMap: ReadonlyMap<string, Role>;
  /** Scopes to ask for; `openid` always among them. */
  scopes: string;
  /** The provider's name on the sign-in button: "Sign in with <displayName>". */
  displayName: string;
}

/** Plain http is for an issuer on this machine only (the tests' provider). */
function secureOrLoopback(url: string): boolean {
  try {
    const { protocol, hostname } = new URL(url);
    return protocol === 'https:' || ['localhost', '127.0.0.1', '[::1]'].includes(hostname);
  } catch {
    return false;
  }
}

/** The env settings of single sign-on, each checked alone; `oidcFromEnv` checks how they fit together. */
export const oidcEnvShape = {
  OIDC_ISSUER: z
    .url({
      error: 'OIDC_ISSUER must be the issuer URL, e.g. https://login.microsoftonline.com/<tenant>/v2.0',
    })
    .refine(secureOrLoopback, {
      error: 'OIDC_ISSUER must use https:// (plain http only on this machine, for tests)',
    })
    .optional(),
  OIDC_CLIENT_ID: z.string().trim().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** A file holding the client secret (a compose or systemd secret), so it is not in the environment. */
  OIDC_CLIENT_SECRET_FILE: z.string().min(1).optional(),
  OIDC_ROLE_CLAIM: z
    .string()
    .trim()
    .regex(/^[^.\s]+(\.[^.\s]+)*$/, {
      error: 'OIDC_ROLE_CLAIM is a claim name, e.g. roles or realm_access.roles',
    })
    .default('roles'),
  OIDC_ROLE_MAP: z.string().optional(),
  OIDC_SCOPES: z.string().trim().min(1).default('openid profile email'),
  OIDC_DISPLAY_NAME: z.string().trim().min(1).max(60).default('SSO'),
};

export type OidcEnv = z.output<z.ZodObject<typeof oidcEnvShape>>;

/** An env mistake, named by its variable with the fix, as the rest of the env's errors are. */
function envError(variable: string, message: string): Error {
  return new Error(`environment variable ${variable}: ${message}`);
}

/**
 * `city-admins=admin,city-ops=operator` → a map. Every role must be one of ours: a typo would
 * otherwise quietly grant nothing to a whole group.
 */
export function parseRoleMap(text: string): Map<string, Role> {
  const map = new Map<string, Role>();
  for (const pair of text.split(',').map((part) => part.trim())) {
    if (pair === '') continue;
    const eq = pair.lastIndexOf('=');
    const value = pair.slice(0, eq).trim();
    const role = RoleSchema.safeParse(pair.slice(eq + 1).trim());
    if (eq <= 0 || value === '')
      throw envError('OIDC_ROLE_MAP', `"${pair}" is not claim-value=role (e.g. city-ops=operator)`);
    if (!role.success)
      throw envError('OIDC_ROLE_MAP', `"${pair}": the role must be one of ${ROLES.join(', ')}`);
    map.set(value, role.data);
  }
  if (map.size === 0)
    throw envError(
      'OIDC_ROLE_MAP',
      'map at least one claim value to a role, e.g. city-admins=admin,city-ops=operator',
    );
  return map;
}

function clientSecret(env: OidcEnv): string | undefined {
  if (env.OIDC_CLIENT_SECRET && env.OIDC_CLIENT_SECRET_FILE)
    throw envError('OIDC_CLIENT_SECRET_FILE', 'set OIDC_CLIENT_SECRET or OIDC_CLIENT_SECRET_FILE, not both');
  if (!env.OIDC_CLIENT_SECRET_FILE) return env.OIDC_CLIENT_SECRET;
  try {
    // A secret written with `echo` ends in a newline that is no part of it.
    return readFileSync(env.OIDC_CLIENT_SECRET_FILE, 'utf8').replace(/\r?\n$/, '');
  } catch (error) {
    throw envError(
      'OIDC_CLIENT_SECRET_FILE',
      `cannot read ${env.OIDC_CLIENT_SECRET_FILE}: ${(error as Error).message}`,
    );
  }
}

/** Single sign-on from the environment: undefined without OIDC_ISSUER, else complete or an error naming the variable. */
export function oidcFromEnv(env: OidcEnv & { PUBLIC_URL?: string | undefined }): OidcOptions | undefined {
  if (!env.OIDC_ISSUER) return undefined;
  if (!env.OIDC_CLIENT_ID)
    throw envError(
      'OIDC_CLIENT_ID',
      'OIDC_ISSUER is set: give the client id registered at the identity provider',
    );
  // The redirect URI registered at the provider must be exact; a Host header must not choose it.
  if (!env.PUBLIC_URL)
    throw envError(
      'PUBLIC_URL',
      'OIDC_ISSUER is set: give the URL people use; the redirect URI is PUBLIC_URL/api/auth/oidc/callback',
    );
  if (!env.OIDC_ROLE_MAP)
    throw envError(
      'OIDC_ROLE_MAP',
      'OIDC_ISSUER is set: map claim values to roles, e.g. city-admins=admin,city-ops=operator',
    );
  const scopes = env.OIDC_SCOPES.split(/\s+/);
  return {
    issuer: env.OIDC_ISSUER,
    clientId: env.OIDC_CLIENT_ID,
    clientSecret: clientSecret(env),
    roleClaim: env.OIDC_ROLE_CLAIM,
    roleMap: parseRoleMap(env.OIDC_ROLE_MAP),
    scopes: (scopes.includes('openid') ? scopes : ['openid', ...scopes]).join(' '),
    displayName: env.OIDC_DISPLAY_NAME,
  };
}

/**
 * The role a person gets from their claims: the highest that any of their claim values maps to, or
 * undefined when none maps (never a default role). The claim may be a list or a single value.
 */
export function mapRole(
  claims: Record<string, unknown>,
  options: Pick<OidcOptions, 'roleClaim' | 'roleMap'>,
) {
  let value: unknown = claims;
  for (const key of options.roleClaim.split('.'))
    value = typeof value === 'object' && value !== null ? Reflect.get(value, key) : undefined;
  const values = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
  const granted = values.flatMap((v) => options.roleMap.get(v) ?? []);
  if (granted.length === 0) return { role: undefined, values };
  return { role: granted.reduce((a, b) => (ROLES.indexOf(b) > ROLES.indexOf(a) ? b : a)), values };
}
