import { describe, expect, it } from 'vitest';
import { loadWebEnv } from './env';

const load = (vars: Record<string, string>) => loadWebEnv(vars as unknown as NodeJS.ProcessEnv);
const server = { DATABASE_URL: 'postgres://web@db:5432/city' };

describe('the web server’s cluster secret', () => {
  it('is required in production on a server, and the message says how to make one', () => {
    expect(() => load({ ...server, NODE_ENV: 'production' })).toThrow(
      /WEB_BAD_ENV[\s\S]*CLUSTER_SECRET is required in production[\s\S]*openssl rand -hex 32/,
    );
    const secret = 'a'.repeat(64);
    expect(load({ ...server, NODE_ENV: 'production', CLUSTER_SECRET: secret }).CLUSTER_SECRET).toBe(secret);
  });

  it('may be left out for the demo and development (each start makes one up), but not be short', () => {
    expect(load(server).CLUSTER_SECRET).toBeUndefined();
    expect(load({ NODE_ENV: 'production' }).CLUSTER_SECRET).toBeUndefined();
    expect(() => load({ ...server, CLUSTER_SECRET: 'short' })).toThrow(/at least 32 letters and digits/);
  });
});
