import { isIP } from 'node:net';
import { ChannelIdSchema, IdSchema } from '@city/domain';
import { RegisterMapSchema } from '@city/hardware/profiles';
import { z } from 'zod';

/**
 * A change smaller than this is not worth a row: absolute in the point's unit, or percent of its
 * display range (Modbus) or of its EURange (OPC UA, where the server applies it).
 */
export const DeadbandSchema = z.strictObject({
  type: z.enum(['absolute', 'percent']),
  value: z.number().positive(),
});
export type Deadband = z.output<typeof DeadbandSchema>;

/**
 * How often a value that did not change is recorded anyway. The default stays under the demo's
 * "device silent" alarm (30 s), so a value holding still never looks like a dead device.
 */
export const DEFAULT_HEARTBEAT_MS = 20_000;
const HeartbeatSchema = z.int().min(1_000).max(86_400_000).default(DEFAULT_HEARTBEAT_MS);

const deviceFields = {
  id: z.string().min(1),
  /** Device profile by name, from hardware/profiles… */
  profile: z.string().min(1).optional(),
  /** …or the device's register map written out here, as a profile's points are (for a one-off device). */
  registers: RegisterMapSchema.optional(),
  pollIntervalMs: z.int().min(50).max(3_600_000).default(1_000),
  /** How long an answer may take; on a serial bus a dead slave costs this much per cycle. */
  timeoutMs: z.int().min(50).max(60_000).default(1_000),
  /** Without it every poll is recorded; with it only changes beyond it, a new quality, or the heartbeat. */
  deadband: DeadbandSchema.optional(),
  /** With a deadband, an unchanged value is still recorded this often, so history shows it is alive. */
  heartbeatMs: HeartbeatSchema,
  /** Which channel each profile point feeds. Points not listed are not read. */
  points: z
    .array(
      z.strictObject({
        point: z.string().min(1),
        channelId: ChannelIdSchema,
        /** Overrides the device's deadband for this point. */
        deadband: DeadbandSchema.optional(),
      }),
    )
    .min(1),
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

/** What an OPC UA device gets when its config says nothing about security. */
export const DEFAULT_OPC_UA_SECURITY = { mode: 'SignAndEncrypt', policy: 'Basic256Sha256' } as const;

/**
 * OPC UA Part 4's message security. Default: signed and encrypted with Basic256Sha256. None (nothing
 * signed, nothing encrypted) is for a closed test rig only and must be written out in full,
 * `security: { mode: None, policy: None }`; `gateway check` warns about every device that uses it.
 */
const OpcUaSecuritySchema = z
  .strictObject({
    mode: z.enum(['None', 'Sign', 'SignAndEncrypt']).default(DEFAULT_OPC_UA_SECURITY.mode),
    /** Basic256Sha256 or newer; the deprecated Basic128Rsa15 and Basic256 are not offered. */
    policy: z
      .enum(['None', 'Basic256Sha256', 'Aes128_Sha256_RsaOaep', 'Aes256_Sha256_RsaPss'])
      .default(DEFAULT_OPC_UA_SECURITY.policy),
  })
  .prefault({})
  .refine((security) => (security.mode === 'None') === (security.policy === 'None'), {
    error:
      'mode None goes with policy None (write both: security: { mode: None, policy: None }), and Sign or SignAndEncrypt need a policy such as Basic256Sha256',
  });

export const OpcUaDeviceSchema = z.strictObject({
  id: z.string().min(1),
  protocol: z.literal('opcua'),
  /** e.g. opc.tcp://10.0.0.5:4840/path */
  endpointUrl: z.string().regex(/^opc\.tcp:\/\/[^/:]+(:\d+)?(\/.*)?$/, {
    error: 'expected an endpoint URL such as opc.tcp://10.0.0.5:4840',
  }),
  security: OpcUaSecuritySchema,
  subscription: z
    .strictObject({
      /** How often the server sends what changed. */
      publishingIntervalMs: z.int().min(50).max(3_600_000).default(1_000),
      /** How often the server samples each item. */
      samplingIntervalMs: z.int().min(0).max(3_600_000).default(1_000),
      /** Changes the server may hold per item between two publishes. */
      queueSize: z.int().min(1).max(1_000).default(10),
      /** Items are spread over subscriptions of at most this many. */
      maxItemsPerSubscription: z.int().min(1).max(1_000).default(1_000),
    })
    .prefault({}),
  /** Passed to the server as a DataChangeFilter; percent needs the item's EURange. */
  deadband: DeadbandSchema.optional(),
  /** Subscriptions report changes only; while one is alive an unchanged value is recorded this often. */
  heartbeatMs: HeartbeatSchema,
  /** A source clock further than this from the server's is distrusted: server time, quality Uncertain. */
  maxClockSkewMs: z.int().min(1_000).default(60_000),
  points: z
    .array(
      z
        .strictObject({
          /** e.g. ns=1;s=pump-1.level */
          nodeId: z.string().regex(/^(ns=\d+;)?[isgb]=.+$/, {
            error: 'expected an OPC UA node id such as ns=1;s=pump-1.level or ns=2;i=1001',
          }),
          channelId: ChannelIdSchema,
          deadband: DeadbandSchema.optional(),
          /** Operators' setpoints may be written to this node; the server has the last word. */
          writable: z.boolean().default(false),
          /**
           * [min, max]: values outside are refused by the gateway before they reach the server. Required
           * on a writable node: an OPC UA node carries no range the gateway could trust instead.
           */
          writeRange: z
            .tuple([z.number(), z.number()])
            .refine(([min, max]) => min <= max, { error: 'expected [min, max] with min ≤ max' })
            .optional(),
        })
        .superRefine((point, ctx) => {
          if (point.writeRange !== undefined && !point.writable)
            ctx.addIssue({
              code: 'custom',
              path: ['writeRange'],
              message: 'a writeRange needs writable: true',
            });
          if (point.writable && point.writeRange === undefined)
            ctx.addIssue({
              code: 'custom',
              path: ['writeRange'],
              message: `${point.nodeId} is writable but has no writeRange: add writeRange: [min, max], the values operators may set (e.g. [0, 100] for a dim level in %), or remove writable: true`,
            });
        }),
    )
    .min(1),
});
export type OpcUaDeviceConfig = z.output<typeof OpcUaDeviceSchema>;

export const DeviceSchema = z.discriminatedUnion('protocol', [
  ModbusTcpDeviceSchema,
  ModbusRtuDeviceSchema,
  OpcUaDeviceSchema,
]);
export type DeviceConfig = z.output<typeof DeviceSchema>;
export type DeviceInput = z.input<typeof DeviceSchema>;
export type OpcUaSecurityInput = z.input<typeof OpcUaSecuritySchema>;

/** Where /healthz and /metrics listen unless health.host (or HEALTH_HOST) says otherwise: loopback. */
export const DEFAULT_HEALTH_HOST = '127.0.0.1';

export const GatewayConfigSchema = z
  .strictObject({
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
    devices: z.array(DeviceSchema),
    /**
     * The gateway's own certificate and the certificates it trusts, for OPC UA Sign/SignAndEncrypt.
     * A server certificate not in <dir>/trusted/certs is refused and put in <dir>/rejected;
     * `gateway trust <config> <file>` moves it across once someone has checked it.
     */
    pki: z.strictObject({ dir: z.string().min(1) }).optional(),
    health: z
      .strictObject({
        /**
         * The address /healthz and /metrics listen on (the port is HEALTH_PORT). Default 127.0.0.1:
         * only the Pi itself (systemd, a local agent) can ask. A monitoring server that scrapes the
         * cabinet needs the address of the management interface here, never the field side's.
         */
        host: z
          .string()
          .refine((host) => isIP(host) !== 0, {
            error: `expected an IP address to listen on, e.g. ${DEFAULT_HEALTH_HOST} (the default, this machine only)`,
          })
          .default(DEFAULT_HEALTH_HOST),
      })
      .prefault({}),
    sink: z
      .strictObject({
        /** Readings per database batch. */
        maxBatchRows: z.int().min(1).max(50_000).default(1_000),
        /**
         * Readings gather this long in memory before one write to the buffer (fewer writes spare an SD
         * card). Every reading waits up to this long before it is sent: 100 ms keeps a change at a 1 s
         * poll on screen within 1.1 s (p95) and the card at no more than ten writes a second.
         */
        lingerMs: z.int().min(0).max(10_000).default(100),
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
  })
  .superRefine((config, ctx) => {
    config.devices.forEach((device, index) => {
      if (device.protocol === 'opcua' || (device.profile === undefined) !== (device.registers === undefined))
        return;
      ctx.addIssue({
        code: 'custom',
        path: ['devices', index, 'profile'],
        message: device.profile
          ? 'give a profile or registers, not both'
          : 'missing: name a profile (e.g. profile: air-quality-station) or write out its registers',
      });
    });
  });
export type GatewayConfig = z.output<typeof GatewayConfigSchema>;
export type GatewayConfigInput = z.input<typeof GatewayConfigSchema>;
