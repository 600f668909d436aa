'use client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createTRPCContext, createTRPCOptionsProxy } from '@trpc/tanstack-react-query';
import type { ReactNode } from 'react';
import { preload } from 'react-dom';
import type { AppRouter } from '../server/trpc/router';
import { TRPC_PATH } from '../shared/contract';
import { createApi } from './api';

/**
 * Server state through TanStack Query with tRPC's React integration: `useTRPC()` gives typed
 * `queryOptions` / `mutationOptions` / `queryKey` for every procedure; caching, retries and
 * invalidation are TanStack Query's.
 */
export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      // A refusal (4xx) will not change on retry; a lost link is retried a few times with back-off.
      queries: {
        retry: (failures, error) => failures < 3 && !isRefusal(error),
        refetchOnWindowFocus: true,
        staleTime: 5_000,
      },
      mutations: { retry: false },
    },
  });
}

function isRefusal(error: unknown): boolean {
  const status = (error as { data?: { httpStatus?: number } } | null)?.data?.httpStatus;
  return status !== undefined && status >= 400 && status < 500;
}

interface ServerState {
  queryClient: QueryClient;
  trpcClient: ReturnType<typeof createApi>;
}

let browserState: ServerState | undefined;

/** What every tab asks for as its client is made: both take no input, so tRPC batches them into one GET. */
const ASKED_AT_START = ['map.assets', 'map.basemap'] as const;

/**
 * The URL of that one GET, as tRPC's batch link writes it: the paths joined, and an input of one
 * empty entry per call. The server's HTML names it in a preload so the browser asks while it is still
 * loading the scripts; the client's own request then takes the preloaded answer. If tRPC ever wrote
 * the URL differently, the page would ask twice, and the map spec's one-request check fails.
 */
const START_BATCH_URL = `${TRPC_PATH}/${ASKED_AT_START.join(',')}?batch=1&input=${encodeURIComponent('{}')}`;

/**
 * One QueryClient and one tRPC client per tab, made once per module rather than in `useState`: React
 * throws away a first render that suspends (the map's chunk loading), and with it a client made there,
 * so the tab asked for everything twice. The catalog, which every console screen reads, and the map's
 * base-map setting (a few bytes) are asked for as the client is made, while the page still hydrates:
 * at 10,000 stations about a second sooner than the screens' own queries would ask. A server render
 * gets a client of its own each time; signing in and out load a new page, so no cache outlives its user.
 */
function serverState(): ServerState {
  if (typeof window === 'undefined') return { queryClient: makeQueryClient(), trpcClient: createApi() };
  if (!browserState) {
    const state = { queryClient: makeQueryClient(), trpcClient: createApi() };
    const trpc = createTRPCOptionsProxy<AppRouter>({
      client: state.trpcClient,
      queryClient: state.queryClient,
    });
    const kept = { staleTime: Number.POSITIVE_INFINITY };
    void state.queryClient.prefetchQuery({ ...trpc.map.assets.queryOptions(), ...kept });
    void state.queryClient.prefetchQuery({ ...trpc.map.basemap.queryOptions(), ...kept });
    browserState = state;
  }
  return browserState;
}

export function ServerStateProvider({ children }: { children: ReactNode }) {
  // fetch() asks in CORS mode with cookies on the same origin; a preload must ask the same way to be used.
  preload(START_BATCH_URL, { as: 'fetch', crossOrigin: 'anonymous' });
  const { queryClient, trpcClient } = serverState();
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
