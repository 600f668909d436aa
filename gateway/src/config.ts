import { ChannelIdSchema, IdSchema } from '@city/db/domain';
import { z } from 'zod';

export const ModbusTcpDeviceSchema = z.strictObject({
  id: z.string().min(1),
  protocol: z.literal('modbus-tcp'),
  host: z.string().min(1),
  port: z.int().min(1).max(65_535),
  /** 1–247 on a serial bus; TCP bridges also use 0 and 255. */
  unitId: z.int().min(0).max(255),
  /** Device profile by name, from hardware/profiles. */
  profile: z.string().min(1),
  pollIntervalMs: z.int().min(50).max(3_600_000).default(1_000),
  timeoutMs: z.int().min(50).max(60_000).default(1_000),
  /** Which channel each profile point feeds. Points not listed are not read. */
  points: z.array(z.strictObject({ point: z.string().min(1), channelId: ChannelIdSchema })).min(1),
});
export type ModbusTcpDevice = z.output<typeof ModbusTcpDeviceSchema>;

export const GatewayConfigSchema = z.strictObject({
  gatewayId: IdSchema,
  devices: z.array(ModbusTcpDeviceSchema),
  sink: z
    .strictObject({
      /** A batch is written when it holds this many readings… */
      maxBatchRows: z.int().min(1).max(50_000).default(1_000),
      /** …or when its first reading has waited this long. */
      lingerMs: z.int().min(0).max(10_000).default(50),
      /** Readings held in memory while the database is unreachable; the oldest are dropped beyond it. */
      maxPendingRows: z.int().min(1_000).default(200_000),
    })
    .prefault({}),
});
export type GatewayConfig = z.output<typeof GatewayConfigSchema>;
export type GatewayConfigInput = z.input<typeof GatewayConfigSchema>;
