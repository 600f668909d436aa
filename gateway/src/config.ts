import { ChannelIdSchema, IdSchema } from '@city/db/domain';
import { z } from 'zod';

const deviceFields = {
  id: z.string().min(1),
  /** Device profile by name, from hardware/profiles. */
  profile: z.string().min(1),
  pollIntervalMs: z.int().min(50).max(3_600_000).default(1_000),
  /** How long an answer may take; on a serial bus a dead slave costs this much per cycle. */
  timeoutMs: z.int().min(50).max(60_000).default(1_000),
  /** Which channel each profile point feeds. Points not listed are not read. */
  points: z.array(z.strictObject({ point: z.string().min(1), channelId: ChannelIdSchema })).min(1),
};

export const ModbusTcpDeviceSchema = z.strictObject({
  ...deviceFields,
  protocol: z.literal('modbus-tcp'),
  host: z.string().min(1),
  port: z.int().min(1).max(65_535),
  /** 1–247 on a serial bus; TCP bridges also use 0 and 255. */
  unitId: z.int().min(0).max(255),
});
export type ModbusTcpDevice = z.output<typeof ModbusTcpDeviceSchema>;

export const ModbusRtuDeviceSchema = z.strictObject({
  ...deviceFields,
  protocol: z.literal('modbus-rtu'),
  /** The serial line; devices on the same path share the bus, one request at a time. */
  serial: z.strictObject({
    /** e.g. /dev/rs485-0 (a udev name; see hardware/pi/README.md). */
    path: z.string().min(1),
    baudRate: z.int().positive().default(19_200),
    /** Modbus over Serial Line's default is even parity. */
    parity: z.enum(['none', 'even', 'odd']).default('even'),
    dataBits: z.union([z.literal(7), z.literal(8)]).default(8),
    stopBits: z.union([z.literal(1), z.literal(2)]).default(1),
  }),
  /** A slave address on the bus, 1–247. */
  unitId: z.int().min(1).max(247),
});
export type ModbusRtuDevice = z.output<typeof ModbusRtuDeviceSchema>;

export const ModbusDeviceSchema = z.discriminatedUnion('protocol', [
  ModbusTcpDeviceSchema,
  ModbusRtuDeviceSchema,
]);
export type ModbusDeviceConfig = z.output<typeof ModbusDeviceSchema>;

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
  devices: z.array(ModbusDeviceSchema),
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
