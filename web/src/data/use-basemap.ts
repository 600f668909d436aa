'use client';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { type Basemap, loadBasemap, loadedBasemap } from './basemap';
import { useTRPC } from './trpc';

/** What the map draws under its layers: the city's own MapLibre style, or the shipped base map. */
export type BasemapChoice = { kind: 'style'; styleUrl: string } | { kind: 'shipped'; basemap: Basemap };

/**
 * The base map, loaded once per screen. The shipped files are fetched while the server is asked for
 * a configured style, so the usual case waits for neither in turn; a style wins when there is one.
 */
export function useBasemap(): BasemapChoice | null {
  const trpc = useTRPC();
  const setting = useQuery({ ...trpc.map.basemap.queryOptions(), staleTime: Number.POSITIVE_INFINITY });
  const [shipped, setShipped] = useState<Basemap | null>(loadedBasemap);
  const styleUrl = setting.data?.styleUrl ?? null;
  useEffect(() => {
    if (styleUrl || shipped) return;
    let current = true;
    loadBasemap()
      .then((loaded) => current && setShipped(loaded))
      .catch((error: unknown) => console.error('base map did not load', error));
    return () => {
      current = false;
    };
  }, [styleUrl, shipped]);
  const answered = !!setting.data || setting.isError;
  // One object per change, so the map builds its base layers once. Without an answer (the server
  // unreachable), the shipped map still draws.
  return useMemo((): BasemapChoice | null => {
    if (styleUrl) return { kind: 'style', styleUrl };
    return shipped && answered ? { kind: 'shipped', basemap: shipped } : null;
  }, [styleUrl, shipped, answered]);
}
