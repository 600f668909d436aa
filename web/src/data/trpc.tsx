'use client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import { type ReactNode, useState } from 'react';
import type { AppRouter } from '../server/trpc/router';
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

/** One QueryClient and one tRPC client per tab. */
export function ServerStateProvider({ children }: { children: ReactNode }) {
  const [queryClient] = useState(makeQueryClient);
  const [trpcClient] = useState(() => createApi());
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
