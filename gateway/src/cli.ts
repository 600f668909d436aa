/**
 * The gateway's command line.
 *   gateway check <config.yaml>                 validate a config without starting; exit 2 on a mistake
 *   gateway generate --cabinet <id> [--city f]  print the config for a cabinet of a city description
 *   gateway trust <config.yaml> [certificate]   trust an OPC UA server's certificate (from pki/rejected);
 *                                               without one, list the certificates refused so far
 */
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AMSTERDAM_CITY_FILE, loadCity, SKELETON_CITY_FILE } from '@city/hardware/city';
import { loadGatewayConfigFile } from './config-file';
import { invocationDir } from './env';
import { generatedConfigText } from './from-city';

const USAGE =
  'usage: gateway check <config.yaml> | gateway generate --cabinet <id> [--city amsterdam|skeleton|file] | gateway trust <config.yaml> [certificate]';
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

async function trust(file: string | undefined, certificate: string | undefined): Promise<number> {
  if (!file) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const config = loadGatewayConfigFile(resolve(invocationDir(), file));
  if (!config.pki) {
    process.stderr.write(`${file}: no pki.dir in the config, so there is no trust list to add to\n`);
    return 2;
  }
  const rejectedDir = join(config.pki.dir, 'rejected');
  if (!certificate) {
    const rejected = readdirSync(rejectedDir, { withFileTypes: true }).filter((entry) => entry.isFile());
    process.stdout.write(
      rejected.length === 0
        ? `no refused server certificates in ${rejectedDir}\n`
        : `refused so far (check each with its server's operator, then: gateway trust ${file} <file>):\n${rejected.map((entry) => `  ${join(rejectedDir, entry.name)}\n`).join('')}`,
    );
    return 0;
  }
  const { trustServerCertificate } = await import('./sources/opcua');
  const where = await trustServerCertificate(config.pki.dir, resolve(invocationDir(), certificate));
  process.stdout.write(`trusted: ${certificate} is now in ${where}\n`);
  return 0;
}

const COMMANDS: Record<string, (args: string[]) => number | Promise<number>> = {
  check: (args) => check(args[0]),
  generate,
  trust: (args) => trust(args[0], args[1]),
};

const [command, ...rest] = process.argv.slice(2);
try {
  const run = command ? COMMANDS[command] : undefined;
  if (!run) process.stderr.write(`${USAGE}\n`);
  process.exitCode = run ? await run(rest) : 2;
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
}
