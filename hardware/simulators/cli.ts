/**
 * Runs a virtual field cabinet from the city description until Ctrl-C.
 *   npm run cabinet -w @city/hardware -- [--port 1502] [--host 127.0.0.1] [--cabinet cab-vondelpark]
 *                                        [--city path/to/city.yaml] [--tick-ms 1000] [--seed 1]
 */
import { parseArgs } from 'node:util';
import pino from 'pino';
import { z } from 'zod';
import { findCabinet } from '../city/derive';
import { loadCity, SKELETON_CITY_FILE } from '../city/loader';
import { messageOf } from '../lib/errors';
import { registerCount } from '../profiles/codec';
import { startCabinet } from './cabinet';

const ArgsSchema = z.object({
  city: z.string().default(SKELETON_CITY_FILE),
  cabinet: z.string().optional(),
  host: z.string().min(1).optional(),
  port: z.coerce.number().int().min(0).max(65535).optional(),
  'tick-ms': z.coerce.number().int().min(10).max(60_000).default(1000),
  seed: z.coerce.number().int().default(1),
  'log-level': z.enum(['debug', 'info', 'warn', 'error']).default('info'),
});

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      city: { type: 'string' },
      cabinet: { type: 'string' },
      host: { type: 'string' },
      port: { type: 'string' },
      'tick-ms': { type: 'string' },
      seed: { type: 'string' },
      'log-level': { type: 'string' },
    },
  });
  const parsed = ArgsSchema.safeParse(values);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `--${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`bad arguments:\n  ${problems.join('\n  ')}`);
  }
  const args = parsed.data;
  const logger = pino({ name: 'cabinet', level: args['log-level'] });

  const city = loadCity(args.city);
  const cabinet = args.cabinet ? findCabinet(city, args.cabinet) : city.cabinets[0];
  if (!cabinet) throw new Error(`${args.city} describes no cabinet`);

  const running = await startCabinet(cabinet, {
    host: args.host,
    port: args.port,
    tickMs: args['tick-ms'],
    seed: args.seed,
    logger,
  });
  for (const device of cabinet.devices) {
    logger.info(
      {
        unitId: device.unitId,
        device: device.id,
        asset: device.asset.id,
        profile: device.profile.model,
        points: device.profile.points.map((p) =>
          `${p.name} ${p.table} ${p.address}..${p.address + registerCount(p) - 1} ${p.type}${p.scale === 1 ? '' : ` x${p.scale}`} ${p.unit}`.trim(),
        ),
      },
      `unit ${device.unitId}: ${device.asset.name} (${device.profile.title})`,
    );
  }
  logger.info(
    `serving ${cabinet.id} on ${running.host}:${running.port}; try: mbpoll -m tcp -p ${running.port} -a 1 -r 1 -c 3 -t 3:float -B ${running.host}`,
  );

  const shutdown = (signal: string) => {
    logger.info({ signal }, 'stopping');
    running.stop().then(
      () => logger.flush(),
      (error: unknown) => {
        logger.error({ err: error }, 'stop failed');
        process.exitCode = 1;
      },
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(`${messageOf(error)}\n`);
  process.exitCode = 1;
});
