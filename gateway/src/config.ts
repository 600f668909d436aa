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
  /** Where the database is comes from the environment (DATABASE_URL) or a secrets file, never from here. */
  database: z
    .strictObject({
      /** A file holding the postgres:// URL, e.g. a Docker or systemd credential. */
      urlFile: z.string().min(1).optional(),
      url: z
        .custom<never>(() => false, {
          error:
            'the database URL holds a password: set DATABASE_URL, or put it in a file and name that file in database.urlFile',
        })
        .optional(),
    })
    .optional(),
  devices: z.array(ModbusTcpDeviceSchema),
  sink: z
    .strictObject({
      /** Readings per database batch. */
      maxBatchRows: z.int().min(1).max(50_000).default(1_000),
      /** Readings gather this long in memory before one write to the buffer (fewer writes spare an SD card). */
      lingerMs: z.int().min(0).max(10_000).default(250),
    })
    .prefault({}),
  buffer: z
    .strictObject({
      /** The SQLite file; ":memory:" keeps nothing across a restart (tests, the all-in-one demo). */
      path: z.string().min(1).default(':memory:'),
      /** The oldest readings are dropped beyond this many… */
      maxRows: z.int().min(1_000).default(5_000_000),
      /** …or once they have waited this long. */
      maxAgeHours: z
        .number()
        .positive()
        .default(7 * 24),
      /** full survives a power cut; normal survives a crash of the process only. */
      synchronous: z.enum(['full', 'normal']).default('full'),
    })
    .prefault({}),
});
export type GatewayConfig = z.output<typeof GatewayConfigSchema>;
export type GatewayConfigInput = z.input<typeof GatewayConfigSchema>;
