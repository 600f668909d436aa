import { createTRPCClient, httpBatchLink } from '@trpc/client';
import type { AppRouter } from '../server/trpc/router';
import { TRPC_PATH } from '../shared/contract';

/** Queries and (later) commands, over tRPC on the same origin as the page. */
export function createApi(origin = '') {
  return createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: `${origin}${TRPC_PATH}` })] });
}

export type Api = ReturnType<typeof createApi>;
