'use client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { type Api, createApi } from './api';

/*
 * Server state for the admin screens through TanStack Query over the plain tRPC client.
 * @trpc/tanstack-react-query is not used yet: the registry's newest (11.22.1) pins @trpc/client
 * 11.22.1 as a peer, and this workspace runs 11.25.2. The keys below stand in for its queryKey().
 */

let api: Api | undefined;
/** One tRPC client per tab, made on first use (never during server rendering). */
export function adminApi(): Api {
  api ??= createApi();
  return api;
}

/** Query keys: a mutation invalidates the list it changed. */
export const ADMIN_KEYS = {
  users: ['admin', 'users'] as const,
  displays: ['admin', 'displays'] as const,
  audit: ['admin', 'audit'] as const,
  retention: ['admin', 'retention'] as const,
  webhooks: ['admin', 'webhooks'] as const,
};

/** One QueryClient per tab. A refused call is not retried: the server's answer will not change. */
export function QueryProvider({ children }: { children: ReactNode }) {
  const [client] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: { retry: false, refetchOnWindowFocus: true },
          mutations: { retry: false },
        },
      }),
  );
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}

/** The server's own words for a refusal (they are written to be shown); null when there is none. */
export function errorText(error: unknown): string | null {
  if (!error) return null;
  const message = error instanceof Error ? error.message : String(error);
  // A refused input arrives as zod's issue list in JSON; its messages are the readable part.
  if (message.startsWith('[')) {
    try {
      const issues = JSON.parse(message) as { message?: string; path?: unknown[] }[];
      return issues.map((i) => [i.path?.join('.'), i.message].filter(Boolean).join(': ')).join('; ');
    } catch {
      // not JSON after all: shown as it is
    }
  }
  return message;
}
