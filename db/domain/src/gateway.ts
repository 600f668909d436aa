import { z } from 'zod';
import { IdSchema } from './asset';

/** A gateway as the control room sees it: where it is, when it last reported, what it still holds. */
export const GatewayStatusSchema = z.object({
  id: IdSchema,
  name: z.string().min(1),
  cabinetId: z.string().nullable(),
  version: z.string().min(1),
  /** Epoch ms of the last heartbeat. */
  lastSeen: z.number(),
  /** Readings buffered on the gateway, not yet acknowledged by the database. */
  bufferDepth: z.int().min(0),
  /** Age of the oldest unsent reading, null when nothing waits. */
  oldestUnsentMs: z.number().min(0).nullable(),
});
export type GatewayStatus = z.infer<typeof GatewayStatusSchema>;
