import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AuthError } from '../../shared/auth-contract';
import type { SessionService } from './sessions';
import { readCookie } from './tokens';

/** What the sign-in routes share about HTTP: the session cookie, a small JSON body in, JSON out, never cached. */

export const SESSION_COOKIE = 'city_session';

/** The principal behind a request's cookie, or why there is none. */
export function checkRequest(sessions: SessionService, req: IncomingMessage) {
  return sessions.check(readCookie(req.headers.cookie, SESSION_COOKIE));
}

/** The request's JSON body, or undefined when it is not JSON or larger than any sign-in form. */
export async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > 10_000) return undefined;
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return undefined;
  }
}

export function send(res: ServerResponse, status: number, body: unknown): void {
  res
    .writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' })
    .end(JSON.stringify(body));
}

export function refuse(
  res: ServerResponse,
  status: number,
  error: AuthError['error'],
  message: string,
  extra: Pick<AuthError, 'reauth'> = {},
): void {
  send(res, status, { error, message, ...extra } satisfies AuthError);
}
