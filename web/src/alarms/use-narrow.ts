'use client';
import { useSyncExternalStore } from 'react';

const NARROW = '(max-width: 1000px)';

function subscribe(listener: () => void): () => void {
  const query = window.matchMedia(NARROW);
  query.addEventListener('change', listener);
  return () => query.removeEventListener('change', listener);
}

/** A crew tablet (800 px): the one-line table would hide its actions off to the right. */
export function useNarrowScreen(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia(NARROW).matches,
    () => false,
  );
}
