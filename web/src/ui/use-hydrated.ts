import { useSyncExternalStore } from 'react';

const never = () => () => {};

/**
 * False in the server's HTML, true once React runs in the browser. A form that submits with fetch keeps
 * its button disabled until then, so an early click never sends a password as a plain form post.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    never,
    () => true,
    () => false,
  );
}
