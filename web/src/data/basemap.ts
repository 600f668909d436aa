import type { BasemapFeatureCollection } from '../map/basemap-types';

export interface Basemap {
  land: BasemapFeatureCollection;
  districts: BasemapFeatureCollection;
  areas: BasemapFeatureCollection;
}

/** The shipped files, under public/. */
export const BASEMAP_FILES = {
  land: '/basemap/land.geojson',
  districts: '/basemap/districts.geojson',
  areas: '/basemap/areas.geojson',
} as const;

let loading: Promise<Basemap> | undefined;
let loaded: Basemap | undefined;

/**
 * The base map ships with the app in public/basemap (see SOURCE.md there); no tile server. Loaded once
 * per tab: the map screen's module starts it as it loads, before the page has hydrated, and every
 * later map reuses it. A failed load is tried again by the next caller.
 */
export function loadBasemap(): Promise<Basemap> {
  loading ??= fetchBasemap().then(
    (basemap) => {
      loaded = basemap;
      return basemap;
    },
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

/**
 * The base map if it has loaded already, for a map's first render: waiting a promise's turn for it
 * costs a render of 10,000 features more, behind whatever long task comes first.
 */
export const loadedBasemap = (): Basemap | null => loaded ?? null;

async function fetchBasemap(): Promise<Basemap> {
  const [land, districts, areas] = await Promise.all(
    [BASEMAP_FILES.land, BASEMAP_FILES.districts, BASEMAP_FILES.areas].map(async (file) => {
      const response = await fetch(file);
      if (!response.ok) throw new Error(`base map ${file}: HTTP ${response.status}`);
      return (await response.json()) as BasemapFeatureCollection;
    }),
  );
  if (!land || !districts || !areas) throw new Error('base map: a file is missing');
  return { land, districts, areas };
}
