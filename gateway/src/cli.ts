/**
 * The gateway's command line.
 *   gateway check <config.yaml>                 validate a config without starting; exit 2 on a mistake
 *   gateway generate --cabinet <id> [--city f]  print the config for a cabinet of a city description
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AMSTERDAM_CITY_FILE, loadCity, SKELETON_CITY_FILE } from '@city/hardware/city';
import { loadGatewayConfigFile } from './config-file';
import { invocationDir } from './env';
import { generatedConfigText } from './from-city';

const USAGE =
  'usage: gateway check <config.yaml> | gateway generate --cabinet <id> [--city amsterdam|skeleton|file]';
const CITIES: Record<string, string> = { amsterdam: AMSTERDAM_CITY_FILE, skeleton: SKELETON_CITY_FILE };

function check(file: string | undefined): number {
  if (!file) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const config = loadGatewayConfigFile(resolve(invocationDir(), file));
  const points = config.devices.reduce((sum, device) => sum + device.points.length, 0);
  process.stdout.write(
    `${file}: gateway ${config.gatewayId}, ${config.devices.length} devices, ${points} points: OK\n`,
  );
  return 0;
}

function generate(args: string[]): number {
  const { values } = parseArgs({ args, options: { cabinet: { type: 'string' }, city: { type: 'string' } } });
  if (!values.cabinet) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const city = loadCity(CITIES[values.city ?? 'amsterdam'] ?? resolve(invocationDir(), values.city ?? ''));
  process.stdout.write(generatedConfigText(city, values.cabinet));
  return 0;
}

const [command, ...rest] = process.argv.slice(2);
try {
  process.exitCode = command === 'check' ? check(rest[0]) : command === 'generate' ? generate(rest) : 2;
  if (command !== 'check' && command !== 'generate') process.stderr.write(`${USAGE}\n`);
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
}
