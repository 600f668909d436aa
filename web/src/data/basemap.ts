import type { BasemapFeatureCollection } from '../map/basemap-types';

export interface Basemap {
  land: BasemapFeatureCollection;
  districts: BasemapFeatureCollection;
  areas: BasemapFeatureCollection;
}

let loading: Promise<Basemap> | undefined;

/**
 * The base map ships with the app in public/basemap (see SOURCE.md there); no tile server. Loaded once
 * per tab: the map screen starts it as it renders, before its own chunk has arrived, and every later
 * map reuses it. A failed load is tried again by the next caller.
 */
export function loadBasemap(): Promise<Basemap> {
  loading ??= fetchBasemap().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

async function fetchBasemap(): Promise<Basemap> {
  const [land, districts, areas] = await Promise.all(
    ['land', 'districts', 'areas'].map(async (name) => {
      const response = await fetch(`/basemap/${name}.geojson`);
      if (!response.ok) throw new Error(`base map /basemap/${name}.geojson: HTTP ${response.status}`);
      return (await response.json()) as BasemapFeatureCollection;
    }),
  );
  if (!land || !districts || !areas) throw new Error('base map: a file is missing');
  return { land, districts, areas };
}
