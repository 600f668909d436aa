import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Database } from '@city/db';
import { nodeHTTPRequestHandler } from '@trpc/server/adapters/node-http';
import type { Logger } from 'pino';
import { TRPC_PATH } from '../../shared/contract';
import type { AlarmEngine } from '../alarms/engine';
import { appRouter } from './router';

/** Serves tRPC under TRPC_PATH on the custom server's own HTTP server (never bundled by Next). */
export function createTrpcRequestHandler(options: {
  db: Database;
  logger: Logger;
  alarmEngine: () => AlarmEngine | undefined;
}) {
  const logger = options.logger.child({ component: 'trpc' });
  const context = { db: options.db, logger, alarmEngine: options.alarmEngine };
  return (req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> =>
    nodeHTTPRequestHandler({
      req,
      res,
      router: appRouter,
      path: pathname.slice(TRPC_PATH.length + 1),
      createContext: () => context,
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
