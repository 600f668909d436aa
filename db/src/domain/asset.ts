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

const LonLatSchema = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);

export const GeometrySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Point'), coordinates: LonLatSchema }),
  z.object({ type: z.literal('LineString'), coordinates: z.array(LonLatSchema).min(2) }),
]);
export type Geometry = z.infer<typeof GeometrySchema>;

/** Ids are stable slugs ("aq-vondelpark"), so configs, URLs and logs can name them. */
export const IdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and dashes, e.g. "aq-vondelpark"')
  .max(64);

export const AssetSchema = z.object({
  id: IdSchema,
  kind: AssetKindSchema,
  layer: LayerSchema,
  name: z.string().min(1),
  geometry: GeometrySchema,
  district: z.string().nullable().default(null),
  properties: z.record(z.string(), z.unknown()).default({}),
});
export type Asset = z.infer<typeof AssetSchema>;
