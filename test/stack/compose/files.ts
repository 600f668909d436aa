/** The files `npm run compose` writes: docker-compose.yml from the city, and the secrets it names. */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { City } from '@city/hardware/city';
import { stringify } from 'yaml';
import { composeFor, secretNamesOf, WEB_ENV_FILE } from './services';

export const REPO_ROOT = join(import.meta.dirname, '..', '..', '..');
export const COMPOSE_FILE = join(REPO_ROOT, 'docker-compose.yml');

/** The city file's path inside the images, which hold the repository's hardware/ folder at /app. */
export function cityPathInImages(cityFile: string): string {
  const path = relative(REPO_ROOT, cityFile).split(sep).join('/');
  if (!path.startsWith('hardware/')) {
    throw new Error(`${cityFile}: the images hold hardware/ only; put the city file under hardware/city/`);
  }
  return path;
}

const HEADER = (
  cityFile: string,
) => `# Generated from ${cityFile} by "npm run compose": edit the city or test/stack/compose/, not this file.
# The city as separate services on a real TimescaleDB, as a city would run it: one gateway per cabinet,
# each signing in as a database role of its own, the web server as a role that is no superuser, every
# password a file under secrets/, and the database on no published port.
# (\`npm start\` runs the same parts in one process on the embedded database instead.)
#   npm run compose -- secrets      once: writes secrets/ (a random password per role, CLUSTER_SECRET)
#   docker compose up --build       then open http://localhost:3000
#   docker compose -f docker-compose.yml -f docker-compose.db-port.yml up    also publishes 5432
`;

export function composeText(city: City, cityFile: string): string {
  const path = cityPathInImages(cityFile);
  return (
    HEADER(path) +
    stringify(composeFor(city, path), {
      aliasDuplicateObjects: false,
      lineWidth: 0,
      // docker-compose v1 reads YAML 1.1, where an unquoted no or on is a boolean: quote them as 1.1 would.
      version: '1.1',
    })
  );
}

/**
 * Writes each secret the compose file names that is missing (none is ever overwritten: the database
 * keeps the passwords it was given). Compose without swarm bind-mounts a secret file as it is, with
 * its owner and mode, and ignores uid/gid/mode, so the files are 0644 for the containers' users
 * (postgres, node) to read, inside a 0700 folder that keeps the host's other users out.
 */
export function writeMissingSecrets(city: City, root: string = REPO_ROOT): string[] {
  const dir = join(root, 'secrets');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  const random = () => randomBytes(32).toString('hex');
  const files: [string, () => string][] = [
    ...secretNamesOf(city).map((name): [string, () => string] => [join(dir, name), random]),
    [join(root, WEB_ENV_FILE), () => `CLUSTER_SECRET=${random()}\n`],
  ];
  const written: string[] = [];
  for (const [file, content] of files) {
    if (existsSync(file)) continue;
    // No newline after a password: every reader takes the file as it is.
    writeFileSync(file, content(), { mode: 0o644, flag: 'wx' });
    written.push(relative(root, file));
  }
  return written;
}
