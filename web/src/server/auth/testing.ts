/**
 * For tests and benchmarks that talk to a running control room as a person would: an account of a
 * role, signed in over HTTP like the login page does, and the cookie to send with every request and
 * socket. Not for production code.
 */
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import type { Database } from '@city/db';
import type { Role } from '@city/domain';
import { AUTH_ROUTES } from '../../shared/auth-contract';
import { createAccount, SYSTEM_ACTOR } from './accounts';
import { SESSION_COOKIE } from './auth-routes';

export { DEFAULT_SESSION_POLICY } from './access-options';
export { startUnguardedTrpcPeer } from './bench-peer';
export { ARGON2_PARAMS } from './passwords';
export { SessionService } from './sessions';

export interface SignedIn {
  name: string;
  role: Role;
  password: string;
  /** The Cookie header value: `city_session=…`. */
  cookie: string;
}

/** Creates `name` with `role` (a random password) and signs in on the server at baseUrl. */
export async function signInAs(
  db: Database,
  baseUrl: string,
  role: Role,
  name = `${role}-${randomBytes(3).toString('hex')}`,
): Promise<SignedIn> {
  const password = randomBytes(18).toString('base64url');
  await createAccount(db, { name, role, password }, SYSTEM_ACTOR('test'));
  return { name, role, password, cookie: await logIn(baseUrl, name, password) };
}

/** Signs in with a name and password; returns the Cookie header value, or throws with the server's answer. */
export async function logIn(baseUrl: string, name: string, password: string): Promise<string> {
  const response = await fetch(`${baseUrl}${AUTH_ROUTES.login}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: baseUrl },
    body: JSON.stringify({ name, password }),
  });
  if (response.status !== 200)
    throw new Error(`login as ${name}: ${response.status} ${await response.text()}`);
  const setCookie = response.headers.get('set-cookie') ?? '';
  const value = setCookie.split(';')[0] ?? '';
  if (!value.startsWith(`${SESSION_COOKIE}=`)) throw new Error(`login as ${name}: no session cookie`);
  return value;
}

export interface Answer {
  status: number;
  body: string;
}

/** A POST as a browser page on `origin` would send it (or a script, with the headers it chooses). */
export function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string>,
  localAddress?: string,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, localAddress },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => {
          text += chunk.toString();
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}
