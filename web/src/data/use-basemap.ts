'use client';
import { useEffect, useState } from 'react';
import { type Basemap, loadBasemap } from './basemap';

/** The offline base map (districts, water, roads) from public/basemap/, loaded once per screen. */
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
