/**
 * The auth benchmark's peer: the same tRPC router and handler as the web server, on a server of its
 * own that runs every call as one user resolved once at start, with no access control at all (no
 * Host check, no security headers, no cookie, no session lookup). It exists so the benchmark can put
 * a number on what access control costs a query. Reached only through @city/web/testing: no setting
 * or environment variable makes the control room serve this way.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Database } from '@city/db';
import type { Logger } from 'pino';
import { createTrpcRequestHandler, isTrpcPath } from '../trpc/http-handler';
import type { Principal } from './principal';

export interface BenchPeer {
  url: string;
  close(): Promise<void>;
}

/** Serves tRPC at TRPC_PATH on 127.0.0.1 as `principal`, for every caller. Never for production. */
export async function startUnguardedTrpcPeer(
  db: Database,
  principal: Principal,
  logger: Logger,
): Promise<BenchPeer> {
  const check = { ok: true, principal } as const;
  const origin = { address: '127.0.0.1', userAgent: null };
  const handle = createTrpcRequestHandler({
    db,
    logger,
    alarmEngine: () => undefined,
    identify: async () => check,
    originOf: () => origin,
  });
  const server = createServer((req, res) => {
    const pathname = (req.url ?? '/').split('?', 1)[0] ?? '/';
    if (isTrpcPath(pathname)) void handle(req, res, pathname);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
