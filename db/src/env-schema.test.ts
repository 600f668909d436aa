import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { databaseEnvShape, parseEnv } from './env-schema';

const schema = z.object(databaseEnvShape);
const dir = mkdtempSync(join(tmpdir(), 'city-env-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function secret(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe('a database password from a file (compose secrets)', () => {
  it('puts the password into DATABASE_URL, without the newline echo leaves, escaped for the URL', () => {
    const env = parseEnv(schema, {
      DATABASE_URL: 'postgres://gw_cab_rokin@timescaledb:5432/city',
      DATABASE_PASSWORD_FILE: secret('gw', 'p@ss/w:rd\n'),
    });
    const url = new URL(env.DATABASE_URL ?? '');
    expect(url.username).toBe('gw_cab_rokin');
    expect(decodeURIComponent(url.password)).toBe('p@ss/w:rd');
    expect(url.host).toBe('timescaledb:5432');
  });

  it('leaves DATABASE_URL alone without the variable', () => {
    const env = parseEnv(schema, { DATABASE_URL: 'postgres://city:secret@db:5432/city' });
    expect(env.DATABASE_URL).toBe('postgres://city:secret@db:5432/city');
  });

  it.each([
    [
      'a missing file',
      { DATABASE_URL: 'postgres://web@db/city', DATABASE_PASSWORD_FILE: join(dir, 'nope') },
      /cannot read .*nope.*openssl rand -hex 32/,
    ],
    [
      'an empty file',
      { DATABASE_URL: 'postgres://web@db/city', DATABASE_PASSWORD_FILE: secret('empty', '') },
      /is empty/,
    ],
    [
      'a URL with a password of its own',
      { DATABASE_URL: 'postgres://web:x@db/city', DATABASE_PASSWORD_FILE: secret('a', 'y') },
      /holds a password already: remove it/,
    ],
    ['no DATABASE_URL', { DATABASE_PASSWORD_FILE: secret('b', 'y') }, /set DATABASE_URL too/],
    [
      'a URL without a user',
      { DATABASE_URL: 'postgres://db/city', DATABASE_PASSWORD_FILE: secret('c', 'y') },
      /names no user/,
    ],
  ])('refuses %s, naming the variable and the fix', (_, source, message) => {
    expect(() => parseEnv(schema, source)).toThrow(/^environment variable DATABASE_PASSWORD_FILE: /);
    expect(() => parseEnv(schema, source)).toThrow(message);
  });
});
