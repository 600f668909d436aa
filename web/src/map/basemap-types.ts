/** The shape of the base-map files in public/basemap (written by scripts/convert-basemap.ts). */
export type Position = [lon: number, lat: number];
export type Ring = Position[];

export interface BasemapProperties {
  name: string;
  /** A neighbouring municipality (Diemen, Ouder-Amstel), drawn dimmer than Amsterdam's own districts. */
  neighbour?: boolean;
  /** Where the district name goes: a point well inside its largest part. */
  label?: Position;
}

export interface BasemapFeature {
  type: 'Feature';
  properties: BasemapProperties;
  geometry: { type: 'MultiPolygon'; coordinates: Ring[][] };
}

export interface BasemapFeatureCollection {
  type: 'FeatureCollection';
  features: BasemapFeature[];
}
