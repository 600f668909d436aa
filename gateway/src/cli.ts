/**
 * The gateway's command line.
 *   gateway check <config.yaml>                 validate a config without starting; exit 2 on a mistake
 *   gateway generate --cabinet <id> [--city f]  print the config for a cabinet of a city description
 *   gateway trust <config.yaml> [certificate]   trust an OPC UA server's certificate (from pki/rejected);
 *                                               without one, list the certificates refused so far
 *   gateway db-role create <gatewayId> [--role <name>] --password-file <path|->
 *                                               the gateway's own database role (see db-role.ts)
 *   gateway db-role list
 * Certificates are shown with their SHA-256 thumbprints, to compare with the one the server shows.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AMSTERDAM_CITY_FILE, loadCity, SKELETON_CITY_FILE } from '@city/hardware/city';
import { configWarnings, loadGatewayConfigFile } from './config-file';
import { DB_ROLE_USAGE, dbRole } from './db-role';
import { invocationDir } from './env';
import { generatedConfigText } from './from-city';
import { pkiDirOf, thumbprintsOf } from './pki';

const USAGE = `usage: gateway check <config.yaml> | gateway generate --cabinet <id> [--city amsterdam|skeleton|file] | gateway trust <config.yaml> [certificate]
${DB_ROLE_USAGE}`;
const CITIES: Record<string, string> = { amsterdam: AMSTERDAM_CITY_FILE, skeleton: SKELETON_CITY_FILE };

function check(file: string | undefined): number {
  if (!file) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const config = loadGatewayConfigFile(resolve(invocationDir(), file));
  const points = config.devices.reduce((sum, device) => sum + device.points.length, 0);
  for (const line of configWarnings(config, file)) process.stderr.write(`${line}\n`);
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

/** The thumbprint lines of a certificate file, or why it is not one. */
function described(file: string): string {
  try {
    const { sha256, sha1 } = thumbprintsOf(readFileSync(file));
    return `    SHA-256 ${sha256}\n    SHA-1   ${sha1}\n`;
  } catch (error) {
    return `    not an X.509 certificate (DER or PEM): ${error instanceof Error ? error.message : String(error)}\n`;
  }
}

async function trust(file: string | undefined, certificate: string | undefined): Promise<number> {
  if (!file) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const config = loadGatewayConfigFile(resolve(invocationDir(), file));
  // The same place the gateway uses: pki.dir, or beside the buffer.
  const pkiDir = pkiDirOf(config);
  const rejectedDir = join(pkiDir, 'rejected');
  if (!certificate) {
    const rejected = existsSync(rejectedDir)
      ? readdirSync(rejectedDir, { withFileTypes: true }).filter((entry) => entry.isFile())
      : [];
    process.stdout.write(
      rejected.length === 0
        ? `no refused server certificates in ${rejectedDir}\n`
        : `refused so far: compare each thumbprint with the one its server shows (ask its operator), then: gateway trust ${file} <file>\n${rejected
            .map((entry) => join(rejectedDir, entry.name))
            .map((path) => `  ${path}\n${described(path)}`)
            .join('')}`,
    );
    return 0;
  }
  const certificateFile = resolve(invocationDir(), certificate);
  if (!existsSync(certificateFile)) {
    process.stderr.write(
      `${certificate}: no such file; the refused certificates are listed by: gateway trust ${file}\n`,
    );
    return 2;
  }
  let sha256: string;
  try {
    sha256 = thumbprintsOf(readFileSync(certificateFile)).sha256;
  } catch (error) {
    process.stderr.write(
      `${certificate}: not an X.509 certificate (DER or PEM), nothing trusted: ${error instanceof Error ? error.message : String(error)}; expected a file from ${rejectedDir}\n`,
    );
    return 2;
  }
  const { trustServerCertificate } = await import('./sources/opcua');
  const where = await trustServerCertificate(pkiDir, certificateFile);
  process.stdout.write(`trusted: ${certificate}\n    SHA-256 ${sha256}\n  is now in ${where}\n`);
  return 0;
}

const COMMANDS: Record<string, (args: string[]) => number | Promise<number>> = {
  check: (args) => check(args[0]),
  generate,
  trust: (args) => trust(args[0], args[1]),
  'db-role': dbRole,
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
