import { DEFAULT_EMBEDDED_DATA_DIR } from '@city/db';
import { z } from 'zod';

/** The standalone gateway's environment (docker-compose, a Pi). Validated once at boot. */
const EnvSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'expected postgres://user:password@host:5432/database')
    .optional(),
  CITY_DATA_DIR: z.string().min(1).default(DEFAULT_EMBEDDED_DATA_DIR),
  /** The city description the gateway's config is generated from; default the skeleton city. */
  GATEWAY_CITY_FILE: z.string().min(1).optional(),
  GATEWAY_CABINET: z.string().min(1).default('cab-vondelpark'),
  /** Where the cabinet answers when not at the address in the city file. */
  CABINET_HOST: z.string().min(1).optional(),
  CABINET_PORT: z.coerce.number().int().min(1).max(65_535).optional(),
  /** /healthz for the supervisor; 0 turns it off. */
  HEALTH_PORT: z.coerce.number().int().min(0).max(65_535).default(9102),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal']).default('info'),
});
export type GatewayEnv = z.output<typeof EnvSchema>;

export function readEnv(source: NodeJS.ProcessEnv = process.env): GatewayEnv {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    throw new Error(
      parsed.error.issues
        .map((issue) => `environment variable ${issue.path.join('.')}: ${issue.message}`)
        .join('\n'),
    );
  }
  return parsed.data;
}
