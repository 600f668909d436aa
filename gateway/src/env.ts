import { isIP } from 'node:net';
import { databaseEnvShape, parseEnv } from '@city/db';
import { z } from 'zod';

/** The standalone gateway's environment (docker-compose, a Pi). Validated once at boot. */
const EnvSchema = z.object({
  ...databaseEnvShape,
  /** The city description the gateway's config is generated from; default the skeleton city. */
  GATEWAY_CITY_FILE: z.string().min(1).optional(),
  GATEWAY_CABINET: z.string().min(1).default('cab-vondelpark'),
  /** Where the cabinet answers when not at the address in the city file. */
  CABINET_HOST: z.string().min(1).optional(),
  CABINET_PORT: z.coerce.number().int().min(1).max(65_535).optional(),
  /** A gateway config file (YAML, see gateway/config/); without it the config is generated from the city file. */
  GATEWAY_CONFIG: z.string().min(1).optional(),
  /** The durable buffer (SQLite); default .data/gateway/<cabinet>.sqlite under the working directory. */
  GATEWAY_BUFFER_PATH: z.string().min(1).optional(),
  GATEWAY_POLL_INTERVAL_MS: z.coerce
    .number({ error: 'expected milliseconds between 50 and 3600000, e.g. 1000' })
    .int()
    .min(50)
    .max(3_600_000)
    .default(1_000),
  /** Set by systemd for Type=notify units, and with WatchdogSec. */
  NOTIFY_SOCKET: z.string().min(1).optional(),
  WATCHDOG_USEC: z.coerce.number().int().positive().optional(),
  /** /healthz for the supervisor; 0 turns it off. */
  HEALTH_PORT: z.coerce.number().int().min(0).max(65_535).default(9102),
  /** The address it listens on, over health.host in the config; default 127.0.0.1 (this machine only). */
  HEALTH_HOST: z
    .string()
    .refine((host) => isIP(host) !== 0, { error: 'expected an IP address, e.g. 127.0.0.1 (the default)' })
    .optional(),
});
export type GatewayEnv = z.output<typeof EnvSchema>;

export const readEnv = (source: NodeJS.ProcessEnv = process.env): GatewayEnv => parseEnv(EnvSchema, source);

/** The directory the user ran the command from: npm runs workspace scripts elsewhere, and says where in INIT_CWD. */
export function invocationDir(): string {
  return process.env.INIT_CWD ?? process.cwd();
}
