import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Database } from '@city/db';
import { nodeHTTPRequestHandler } from '@trpc/server/adapters/node-http';
import type { Logger } from 'pino';
import { TRPC_PATH } from '../../shared/contract';
import type { AlarmEngine } from '../alarms/engine';
import { CommandLimiter } from '../auth/command-limits';
import type { RequestOrigin } from '../auth/principal';
import type { SessionCheck, SessionService } from '../auth/sessions';
import { appRouter } from './router';

/** The most calls one batched request may carry: a cheap request must not become a hundred queries. */
export const MAX_BATCH_SIZE = 10;

/**
 * Serves tRPC under TRPC_PATH on the custom server's own HTTP server (never bundled by Next). Each
 * call runs as the session's user; a client never says who it is.
 */
export function createTrpcRequestHandler(options: {
  db: Database;
  logger: Logger;
  alarmEngine: () => AlarmEngine | undefined;
  /**
   * Who sends the request. The web server passes the session behind the cookie; only the auth
   * benchmark's peer (auth/bench-peer.ts, reached through @city/web/testing) passes a fixed user.
   */
  identify: (req: IncomingMessage) => Promise<SessionCheck>;
  originOf: (req: IncomingMessage) => RequestOrigin;
  sessions?: SessionService;
  /** The configured base-map style the map loads; null for the shipped base map. */
  basemapStyleUrl?: string | null;
}) {
  const logger = options.logger.child({ component: 'trpc' });
  const { db, alarmEngine, sessions, identify, originOf } = options;
  const commandLimits = new CommandLimiter();
  return (req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> =>
    nodeHTTPRequestHandler({
      req,
      res,
      router: appRouter,
      path: pathname.slice(TRPC_PATH.length + 1),
      maxBatchSize: MAX_BATCH_SIZE,
      createContext: async () => {
        const check = await identify(req);
        return {
          db,
          logger,
          alarmEngine,
          sessions,
          commandLimits,
          basemapStyleUrl: options.basemapStyleUrl ?? null,
          principal: check.ok ? check.principal : null,
          origin: originOf(req),
        };
      },
      maxBodySize: 1_000_000,
      onError({ error, path, type }) {
        const fields = { code: error.code, path, type, err: error.cause ?? error };
        if (error.code === 'INTERNAL_SERVER_ERROR') logger.error(fields, 'tRPC procedure failed');
        else logger.debug(fields, 'tRPC call rejected');
      },
    });
}

export function isTrpcPath(pathname: string): boolean {
  return pathname === TRPC_PATH || pathname.startsWith(`${TRPC_PATH}/`);
}
