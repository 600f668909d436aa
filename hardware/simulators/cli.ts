/**
 * Runs virtual field cabinets from a city description until Ctrl-C: the whole city, or one cabinet.
 *   npm run cabinet -- [--city amsterdam|skeleton|path/to/city.yaml] [--cabinet cab-vondelpark]
 *                      [--host 127.0.0.1] [--port 1502] [--control-port 1500] [--tick-ms 1000] [--seed 1]
 *                      [--rtu /dev/pts/N --baud 19200]   (with --cabinet: its devices as RTU slaves too)
 *                      [--replay file.csv --device id --play point=series ... --speedup 60] [--scale 500]
 * --port N puts the first cabinet on N and the next on N + 1 (default: the ports in the city file).
 * Faults are switched through the control API on 127.0.0.1:<control-port>; see the hardware README.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { z } from 'zod';
import { findCabinet } from '../city/derive';
import { generateCity } from '../city/generate';
import { AMSTERDAM_CITY_FILE, loadCityFile, resolveCity, SKELETON_CITY_FILE } from '../city/loader';
import { invocationDir } from '../lib/env';
import { messageOf } from '../lib/errors';
import { registerCount } from '../profiles/codec';
import { type RecordedSeries, readRecording, seriesOf, startReplay } from '../replay';
import { startCity } from './city';

const NAMED_CITIES: Record<string, string> = { amsterdam: AMSTERDAM_CITY_FILE, skeleton: SKELETON_CITY_FILE };

const port = (example: number) =>
  z.coerce
    .number({ error: `expected a TCP port such as ${example}` })
    .int()
    .min(0)
    .max(65535);

const ArgsSchema = z.strictObject({
  city: z.string().default('amsterdam'),
  cabinet: z.string().optional(),
  /** Grow the city to N cabinets (synthetic copies of its own) for benchmarks. */
  scale: z.coerce.number().int().min(1).max(10_000).optional(),
  host: z.string().min(1).optional(),
  port: port(1502).optional(),
  'control-port': port(1500).default(1500),
  /** One end of a serial line (e.g. a socat pty) to serve the cabinet's devices on as RTU slaves too. */
  rtu: z.string().min(1).optional(),
  baud: z.coerce.number().int().positive().default(19_200),
  /** A recorded file (NDW hourly, Luchtmeetnet) to play through --device, one --play point=series each. */
  replay: z.string().min(1).optional(),
  device: z.string().min(1).optional(),
  play: z.array(z.string().regex(/^[a-z0-9_]+=.+$/, 'expected point=series, e.g. no2=NO2')).default([]),
  speedup: z.coerce.number().positive().default(60),
  'tick-ms': z.coerce.number().int().min(10).max(60_000).default(1000),
  seed: z.coerce.number().int().default(1),
  'log-level': z.enum(['debug', 'info', 'warn', 'error']).default('info'),
});

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: Object.fromEntries(
      Object.keys(ArgsSchema.shape).map((name) => [name, { type: 'string', multiple: name === 'play' }]),
    ) as Record<keyof typeof ArgsSchema.shape, { type: 'string'; multiple: boolean }>,
  });
  const parsed = ArgsSchema.safeParse(values);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `--${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`bad arguments:\n  ${problems.join('\n  ')}`);
  }
  const args = parsed.data;
  const logger = pino({ name: 'cabinet', level: args['log-level'] });

  const cityFile = loadCityFile(NAMED_CITIES[args.city] ?? resolve(invocationDir(), args.city));
  const whole = resolveCity(
    args.scale ? generateCity(cityFile, { cabinets: args.scale, seed: args.seed }) : cityFile,
  );
  if (args.rtu && !args.cabinet) throw new Error("--rtu serves one cabinet's devices: add --cabinet <id>");
  const city = args.cabinet ? { ...whole, cabinets: [findCabinet(whole, args.cabinet)] } : whole;
  const replayCabinet = args.replay ? replayTarget(city, args.device) : undefined;
  // Read the recording before anything listens, so a bad file or series stops the start at once.
  const replayPoints = args.replay ? recordedPoints(resolve(invocationDir(), args.replay), args.play) : {};
  const running = await startCity(city, {
    ...(args.host ? { host: args.host } : {}),
    ...(args.port === undefined ? {} : { basePort: args.port }),
    controlPort: args['control-port'],
    ...(args.rtu ? { rtu: { path: args.rtu, baudRate: args.baud } } : {}),
    tickMs: args['tick-ms'],
    seed: args.seed,
    logger,
  });
  for (const [index, cabinet] of city.cabinets.entries()) {
    const served = running.cabinets[index];
    for (const device of cabinet.devices) {
      logger.debug(
        {
          cabinet: cabinet.id,
          unitId: device.unitId,
          device: device.id,
          points: device.profile.points.map((p) =>
            `${p.name} ${p.table} ${p.address}..${p.address + registerCount(p) - 1} ${p.type}${p.scale === 1 ? '' : ` x${p.scale}`} ${p.unit}`.trim(),
          ),
        },
        `unit ${device.unitId}: ${device.asset.name} (${device.profile.title})`,
      );
    }
    logger.info(
      `${cabinet.id} on ${served?.host}:${served?.port}: ${cabinet.devices.map((d) => `unit ${d.unitId} ${d.profile.model}`).join(', ')}`,
    );
  }
  if (args.replay && replayCabinet !== undefined) {
    const cabinet = running.cabinets[replayCabinet];
    if (!cabinet || !args.device) throw new Error('--replay needs --device <id>');
    const replay = startReplay({
      cabinet,
      deviceId: args.device,
      points: replayPoints,
      speedup: args.speedup,
    });
    logger.info(
      {
        from: new Date(replay.startMs).toISOString(),
        to: new Date(replay.endMs).toISOString(),
        speedup: args.speedup,
        hoursWithoutData: replay.gaps.hoursWithoutData,
        gapsByReason: replay.gaps.byReason,
      },
      `replaying ${args.replay} through ${args.device}: ${replay.gaps.text}`,
    );
    replay.finished.then(() => logger.info('replay finished; the device follows its signal model again'));
  }
  const first = running.cabinets[0];
  logger.info(
    `serving ${running.cabinets.length} cabinet(s) of ${city.name}; read one with: mbpoll -m tcp -p ${first?.port} -a 1 -r 1 -c 3 -t 3:float -B ${first?.host}`,
  );
  logger.info(
    `break one with: curl -X PUT ${running.control?.url}/cabinets/${first?.id}/devices/<device>/faults/slow -d '{"delayMs":1500}'`,
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

function recordedPoints(file: string, play: readonly string[]): Record<string, RecordedSeries> {
  if (play.length === 0)
    throw new Error('--replay needs at least one --play point=series, e.g. --play no2=NO2');
  const recording = readRecording(file);
  return Object.fromEntries(
    play.map((pair) => {
      const [point = '', series = ''] = pair.split('=');
      return [point, seriesOf(recording, file, series)];
    }),
  );
}

/** The index of the cabinet holding the device a replay plays through. */
function replayTarget(
  city: { cabinets: { devices: { id: string }[] }[] },
  deviceId: string | undefined,
): number {
  if (!deviceId) throw new Error('--replay needs --device <id> to play through');
  const index = city.cabinets.findIndex((cabinet) =>
    cabinet.devices.some((device) => device.id === deviceId),
  );
  if (index < 0) throw new Error(`no device "${deviceId}" in the cabinets running; pick one with --cabinet`);
  return index;
}

main().catch((error: unknown) => {
  process.stderr.write(`${messageOf(error)}\n`);
  process.exitCode = 1;
});
