import { databaseEnvShape, parseEnv } from '@city/db';
import { accessEnvShape, basemapEnvShape } from '@city/web';
import { z } from 'zod';

/** Everything `npm start` can be told through the environment, validated before anything starts. */
const EnvSchema = z.object({
  PORT: z.coerce
    .number({ error: 'expected a TCP port number such as 3000' })
    .int()
    .min(0)
    .max(65_535)
    .default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  ...databaseEnvShape,
  ...accessEnvShape,
  ...basemapEnvShape,
  /** The city description to run; default the demo Amsterdam (hardware/city/amsterdam.yaml). */
  CITY_FILE: z.string().min(1).optional(),
  /** The first cabinet's Modbus TCP port, the next one above it, and so on; 0 picks free ports. Default: the city file's. */
  CABINET_PORT: z.coerce
    .number({ error: 'expected a TCP port number such as 1502' })
    .int()
    .min(0)
    .max(65_535)
    .optional(),
  /** The cabinets' fault-injection API on 127.0.0.1; 0 picks a free port. */
  CABINET_CONTROL_PORT: z.coerce
    .number({ error: 'expected a TCP port number such as 1500' })
    .int()
    .min(0)
    .max(65_535)
    .default(1500),
  POLL_INTERVAL_MS: z.coerce
    .number({ error: 'expected milliseconds between 50 and 60000, e.g. 1000' })
    .int()
    .min(50)
    .max(60_000)
    .default(1000),
  /** Urgent alarms are POSTed here as JSON (an SMS or chat gateway's webhook), with retries. */
  ALARM_WEBHOOK_URL: z.url({ error: 'expected a URL such as https://chat.example/hooks/abc' }).optional(),
  /** Only alarms of this priority or more urgent are sent (1 critical … 4 low). */
  ALARM_WEBHOOK_MAX_PRIORITY: z.coerce.number().int().min(1).max(4).default(2),
  /** pretty for people at a terminal, json for log collectors; default pretty on a TTY. */
  LOG_FORMAT: z.enum(['pretty', 'json']).optional(),
});
export type StackEnv = z.output<typeof EnvSchema>;

export const readEnv = (source: NodeJS.ProcessEnv = process.env): StackEnv => parseEnv(EnvSchema, source);
