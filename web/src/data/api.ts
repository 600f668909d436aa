import { createTRPCClient, httpBatchLink } from '@trpc/client';
import type { AppRouter } from '../server/trpc/router';
import { TRPC_PATH } from '../shared/contract';
import { fetchWithSession } from './session';

/**
 * Queries and (later) commands, over tRPC on the same origin as the page. A 401 signs the screen out
 * unless it asks for a fresh sign-in (data/session.ts).
 */
export function createApi(origin = '') {
  return createTRPCClient<AppRouter>({
    links: [httpBatchLink({ url: `${origin}${TRPC_PATH}`, fetch: fetchWithSession })],
  });
}

export type Api = ReturnType<typeof createApi>;
