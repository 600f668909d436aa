'use client';
import { useSyncExternalStore } from 'react';

/**
 * Which asset the map should fly to, asked for by anything on the screen (an alarm row, a search hit)
 * without knowing about deck.gl. One per tab; `nonce` makes asking twice for the same asset fly again.
 */
export interface MapFocus {
  assetId: string | null;
  nonce: number;
}

let focus: MapFocus = { assetId: null, nonce: 0 };
const listeners = new Set<() => void>();

export function focusAsset(assetId: string): void {
  focus = { assetId, nonce: focus.nonce + 1 };
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const read = () => focus;

export function useMapFocus(): MapFocus {
  return useSyncExternalStore(subscribe, read, read);
}
