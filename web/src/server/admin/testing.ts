/** For the admin tests: a control room on a fresh PostgreSQL database, and a typed tRPC client per cookie. Not for production code. */
import type { Database } from '@city/db';
import { createTestDatabase, type TestDatabase } from '@city/db/testing';
import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import pino from 'pino';
import type { AppRouter } from '../trpc/router';
import { type RunningWebServer, startWebServer, type WebServerOptions } from '../web-server';

export interface TestControlRoom {
  target: TestDatabase;
  server: RunningWebServer;
  close(): Promise<void>;
}

/** `seed` runs before the server starts, so the alarm engine loads what it writes (rules, channels). */
export async function startTestControlRoom({
  seed,
  ...options
}: Partial<Pick<WebServerOptions, 'realtime' | 'access'>> & {
  seed?: (db: Database) => Promise<void>;
} = {}): Promise<TestControlRoom> {
  const target = await createTestDatabase('postgres');
  await seed?.(target.db);
  const server = await startWebServer({
    db: target.db,
    port: 0,
    host: '127.0.0.1',
    pages: false,
    logger: pino({ level: 'silent' }),
    ...options,
  });
  return {
    target,
    server,
    async close() {
      await server.close();
      await target.drop();
    },
  };
}

/** The API as the screens call it: same origin, the session's cookie. */
export function apiAs(baseUrl: string, cookie: string) {
  return createTRPCClient<AppRouter>({
    links: [httpLink({ url: `${baseUrl}/api/trpc`, headers: { cookie, origin: baseUrl } })],
  });
}

/** The refusal a call ended in: its tRPC code and message (fails the test if the call succeeded). */
export async function refusal(call: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await call;
  } catch (error) {
    if (error instanceof TRPCClientError)
      return { code: String((error.data as { code?: string } | undefined)?.code), message: error.message };
    throw error;
  }
  throw new Error('expected the call to be refused, and it succeeded');
}
