import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadWebEnv } from '../env';
import { accessFromEnv } from './access-options';
import { mapRole, parseRoleMap } from './oidc-options';

const SSO = {
  PUBLIC_URL: 'https://control.city.example',
  OIDC_ISSUER: 'https://login.city.example/realms/city',
  OIDC_CLIENT_ID: 'control-room',
  OIDC_ROLE_MAP: 'city-admins=admin, city-ops=operator',
};
const options = (env: Record<string, string | undefined>) =>
  accessFromEnv(loadWebEnv(env as NodeJS.ProcessEnv)).oidc;

describe('single sign-on settings from the environment', () => {
  it('is off without OIDC_ISSUER, and complete with it', () => {
    expect(options({})).toBeUndefined();
    expect(options({ ...SSO, OIDC_CLIENT_SECRET: 's3cret' })).toMatchObject({
      issuer: SSO.OIDC_ISSUER,
      clientId: 'control-room',
      clientSecret: 's3cret',
      roleClaim: 'roles',
      scopes: 'openid profile email',
      displayName: 'SSO',
    });
  });

  it('names the variable and the fix for each mistake', () => {
    expect(() => options({ ...SSO, OIDC_CLIENT_ID: undefined })).toThrow(
      /^WEB_BAD_ENV: (.|\n)*OIDC_CLIENT_ID: OIDC_ISSUER is set/,
    );
    expect(() => options({ ...SSO, PUBLIC_URL: undefined })).toThrow(
      /PUBLIC_URL: .*\/api\/auth\/oidc\/callback/,
    );
    expect(() => options({ ...SSO, OIDC_ROLE_MAP: undefined })).toThrow(/OIDC_ROLE_MAP: .*city-admins=admin/);
    expect(() => options({ ...SSO, OIDC_ROLE_MAP: 'city-ops=operators' })).toThrow(
      /OIDC_ROLE_MAP: "city-ops=operators": the role must be one of viewer, operator/,
    );
    expect(() => options({ ...SSO, OIDC_ROLE_MAP: 'city-ops' })).toThrow(/not claim-value=role/);
    expect(() => options({ ...SSO, OIDC_ISSUER: 'http://login.city.example' })).toThrow(
      /OIDC_ISSUER: OIDC_ISSUER must use https:\/\//,
    );
    expect(() => options({ ...SSO, OIDC_CLIENT_SECRET: 'a', OIDC_CLIENT_SECRET_FILE: '/x' })).toThrow(
      /not both/,
    );
  });

  it('reads the client secret from a file, without its trailing newline', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'oidc-secret-')), 'secret');
    writeFileSync(file, 'from-a-file\n');
    expect(options({ ...SSO, OIDC_CLIENT_SECRET_FILE: file })?.clientSecret).toBe('from-a-file');
    expect(() => options({ ...SSO, OIDC_CLIENT_SECRET_FILE: `${file}.missing` })).toThrow(
      /OIDC_CLIENT_SECRET_FILE: cannot read/,
    );
  });
});

describe('roles from claims', () => {
  const roleMap = parseRoleMap('city-users=viewer,city-engineers=engineer,city-admins=admin');

  it('gives the highest role any claim value maps to, from a list or a single value', () => {
    expect(mapRole({ roles: ['city-admins', 'city-users'] }, { roleClaim: 'roles', roleMap }).role).toBe(
      'admin',
    );
    expect(mapRole({ roles: 'city-engineers' }, { roleClaim: 'roles', roleMap }).role).toBe('engineer');
  });

  it('follows a dotted path (Keycloak realm roles)', () => {
    const claims = { realm_access: { roles: ['offline_access', 'city-users'] } };
    expect(mapRole(claims, { roleClaim: 'realm_access.roles', roleMap }).role).toBe('viewer');
  });

  it('gives no role, never a default, when nothing maps or the claim is missing', () => {
    expect(mapRole({ roles: ['city-visitors'] }, { roleClaim: 'roles', roleMap })).toEqual({
      role: undefined,
      values: ['city-visitors'],
    });
    expect(mapRole({}, { roleClaim: 'roles', roleMap }).role).toBeUndefined();
    expect(
      mapRole({ roles: [{ value: 'city-admins' }] }, { roleClaim: 'roles', roleMap }).role,
    ).toBeUndefined();
  });
});
