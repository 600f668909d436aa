import { z } from 'zod';
import { IdSchema } from './asset';

/** A channel id is "<asset id>/<metric>", e.g. "aq-vondelpark/no2". */
export const ChannelIdSchema = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9-]*\/[a-z0-9][a-z0-9_.-]*$/,
    'expected "<asset-id>/<metric>", e.g. "aq-vondelpark/no2"',
  )
  .max(128);
export type ChannelId = z.infer<typeof ChannelIdSchema>;

export function channelIdOf(assetId: string, metric: string): ChannelId {
  return `${assetId}/${metric}`;
}

/** Where a channel's values come from: which gateway reads which point of which device. */
export const SourceBindingSchema = z.object({
  gatewayId: IdSchema,
  deviceId: z.string().min(1),
  point: z.string().min(1),
});
export type SourceBinding = z.infer<typeof SourceBindingSchema>;

export const ChannelSchema = z.object({
  id: ChannelIdSchema,
  assetId: IdSchema,
  metric: z.string().min(1),
  name: z.string().min(1),
  unit: z.string(),
  displayRange: z.tuple([z.number(), z.number()]),
  writable: z.boolean().default(false),
  /**
   * [min, max] an operator's setpoint may take, from the device profile or the gateway config. The
   * web server refuses a setpoint outside it, and any setpoint to a channel without one.
   */
  writeRange: z
    .tuple([z.number(), z.number()])
    .refine(([min, max]) => min <= max, 'expected [min, max] with min ≤ max')
    .nullable()
    .optional(),
  source: SourceBindingSchema.nullable().default(null),
});
export type Channel = z.infer<typeof ChannelSchema>;
