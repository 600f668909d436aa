import { z } from 'zod';

/** The four map layers of the control room; every asset belongs to exactly one. */
export const LayerSchema = z.enum(['traffic', 'air', 'sewer', 'lighting']);
export type Layer = z.infer<typeof LayerSchema>;

export const AssetKindSchema = z.enum([
  'air-quality-station',
  'loop-detector',
  'pumping-station',
  'level-gauge',
  'rain-gauge',
  'street-light-segment',
  'field-cabinet',
]);
export type AssetKind = z.infer<typeof AssetKindSchema>;

export const LonLatSchema = z.tuple([
  z.number().min(-180, 'longitude runs from -180 to 180').max(180, 'longitude runs from -180 to 180'),
  z.number().min(-90, 'latitude runs from -90 to 90').max(90, 'latitude runs from -90 to 90'),
]);

/** A GeoJSON Point: coordinates are [longitude, latitude], in that order. */
export const PointGeometrySchema = z.strictObject({
  type: z.literal('Point'),
  coordinates: LonLatSchema,
});
export type PointGeometry = z.output<typeof PointGeometrySchema>;

/** A GeoJSON LineString, e.g. a street-light segment along a street. */
export const LineStringGeometrySchema = z.strictObject({
  type: z.literal('LineString'),
  coordinates: z.array(LonLatSchema).min(2, 'a line needs at least 2 positions'),
});

/** Where an asset is: a Point, or a LineString for assets along a street. */
export const GeometrySchema = z.discriminatedUnion('type', [PointGeometrySchema, LineStringGeometrySchema]);
export type Geometry = z.output<typeof GeometrySchema>;

/** Ids are stable slugs ("aq-vondelpark"), so configs, URLs and logs can name them. */
export const IdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and dashes, e.g. "aq-vondelpark"')
  .max(64);

/** One asset, as the city file declares it, the database stores it and every screen shows it. */
export const AssetSchema = z.strictObject({
  id: IdSchema,
  kind: AssetKindSchema,
  layer: LayerSchema,
  name: z.string().min(1),
  geometry: GeometrySchema,
  district: z.string().nullable().default(null),
  /** Free-form facts shown with the asset: data source, attribution, how it was placed. */
  properties: z.record(z.string(), z.unknown()).default({}),
});
export type Asset = z.infer<typeof AssetSchema>;
