import { type APIRequestContext, request } from '@playwright/test';
import { ADMIN_STORAGE_STATE, baseUrl } from './auth';

/**
 * The global setup's admin, talking to tRPC directly: for a spec's setup and clean-up (reset a well,
 * acknowledge what it left behind) and for checking what the server holds, not for what a screen does.
 */
export const adminApi = (): Promise<APIRequestContext> =>
  request.newContext({
    baseURL: baseUrl(),
    storageState: ADMIN_STORAGE_STATE,
    extraHTTPHeaders: { origin: baseUrl() },
  });

/** A tRPC query (GET, no input) or mutation (POST with input), its data or an error naming the path. */
export async function trpc<T>(api: APIRequestContext, path: string, input?: object): Promise<T> {
  const response = input
    ? await api.post(`/api/trpc/${path}`, { data: input })
    : await api.get(`/api/trpc/${path}`);
  return dataOf<T>(path, response);
}

/** A tRPC query with input (GET). */
export async function trpcQuery<T>(api: APIRequestContext, path: string, input: object): Promise<T> {
  return dataOf<T>(
    path,
    await api.get(`/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`),
  );
}

async function dataOf<T>(path: string, response: Awaited<ReturnType<APIRequestContext['get']>>): Promise<T> {
  if (!response.ok()) throw new Error(`${path} refused (${response.status()}): ${await response.text()}`);
  return ((await response.json()) as { result: { data: T } }).result.data;
}
