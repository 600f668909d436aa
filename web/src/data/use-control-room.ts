'use client';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { type Basemap, loadBasemap } from './basemap';
import { type ControlRoomState, ControlRoomStore } from './control-room-store';

/** Live control-room state for one screen; connects on mount and disconnects on unmount. */
export function useControlRoom(): ControlRoomState {
  const [store] = useState(() => new ControlRoomStore());
  useEffect(() => {
    store.start();
    return () => store.stop();
  }, [store]);
  return useSyncExternalStore(store.subscribe, store.getState, store.getState);
}

export function useBasemap(): Basemap | null {
  const [basemap, setBasemap] = useState<Basemap | null>(null);
  useEffect(() => {
    let current = true;
    loadBasemap()
      .then((loaded) => current && setBasemap(loaded))
      .catch((error: unknown) => console.error('base map did not load', error));
    return () => {
      current = false;
    };
  }, []);
  return basemap;
}
