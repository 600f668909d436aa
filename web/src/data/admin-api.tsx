'use client';
import { type Api, createApi } from './api';

/*
 * Server state for the admin screens: TanStack Query (the console layout's one QueryClient) over the
 * plain tRPC client, with hand-made keys. Newer screens use useTRPC() from ./trpc instead.
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
