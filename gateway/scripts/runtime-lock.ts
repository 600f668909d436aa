/**
 * The package.json and package-lock.json of what the one-file build leaves outside (the native
 * better-sqlite3 and serialport, and node-opcua), cut from the monorepo's lockfile: the Pi installs
 * with `npm ci` exactly the versions, and the integrity hashes, that the gateway was tested with.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** What the bundle imports without bundling it, as the Pi must install it. */
export const RUNTIME_DEPENDENCIES = ['better-sqlite3', 'serialport', 'node-opcua'] as const;
export const MONOREPO_ROOT = join(import.meta.dirname, '..', '..');

interface LockEntry {
  version?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  link?: boolean;
  [field: string]: unknown;
}
interface Lockfile {
  lockfileVersion: number;
  packages: Record<string, LockEntry>;
}
interface RootManifest {
  allowScripts?: Record<string, boolean>;
}

const parentOf = (key: string) => {
  const at = key.lastIndexOf('/node_modules/');
  return at < 0 ? '' : key.slice(0, at);
};

/** As Node finds a package: in the requiring package's node_modules, then each one above it. */
function resolveIn(packages: Lockfile['packages'], name: string, from: string): string | undefined {
  for (let base = from; ; base = parentOf(base)) {
    const key = `${base ? `${base}/` : ''}node_modules/${name}`;
    if (packages[key]) return key;
    if (!base) return undefined;
  }
}

/** The lock entries reachable from the runtime dependencies; `required` leaves out optional edges. */
function closure(lock: Lockfile, withOptional: boolean): Set<string> {
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    const entry = lock.packages[key] ?? {};
    const optional = { ...entry.optionalDependencies };
    const edges = { ...entry.dependencies, ...entry.peerDependencies, ...(withOptional ? optional : {}) };
    for (const name of Object.keys(edges)) {
      const found = resolveIn(lock.packages, name, key);
      const mayLack = name in optional || entry.peerDependenciesMeta?.[name]?.optional === true;
      if (found) visit(found);
      else if (!mayLack)
        throw new Error(`package-lock.json: ${key} needs ${name}, which it does not hold; run npm install`);
    }
  };
  for (const name of RUNTIME_DEPENDENCIES) {
    const key = resolveIn(lock.packages, name, '');
    if (!key) {
      throw new Error(
        `package-lock.json: no node_modules/${name}; the gateway's runtime dependency must be installed at the root (npm install)`,
      );
    }
    visit(key);
  }
  return seen;
}

/** The runtime package.json and package-lock.json, from the monorepo root's. */
export function runtimeManifests(root = MONOREPO_ROOT): { manifest: object; lockfile: object } {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as Lockfile;
  const rootManifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as RootManifest;
  const all = closure(lock, true);
  const required = closure(lock, false);
  const dependencies = Object.fromEntries(
    RUNTIME_DEPENDENCIES.map((name) => [name, lock.packages[`node_modules/${name}`]?.version ?? '']),
  );
  const nameOf = (key: string) => key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);
  const names = new Set([...all].map(nameOf));
  // The install scripts that may run (building the native parts) are the monorepo's, where they apply.
  const allowScripts = Object.fromEntries(
    Object.entries(rootManifest.allowScripts ?? {}).filter(([name]) => names.has(name)),
  );
  const manifest = { name: 'city-gateway-runtime', private: true, dependencies, allowScripts };
  const packages: Record<string, LockEntry> = { '': { name: manifest.name, dependencies } };
  for (const key of [...all].sort()) {
    // The monorepo's dev/optional/peer flags describe its own tree; here only optional edges count.
    const { dev, devOptional, optional, peer, ...entry } = lock.packages[key] ?? {};
    packages[key] = required.has(key) ? entry : { ...entry, optional: true };
  }
  return { manifest, lockfile: { name: manifest.name, lockfileVersion: 3, requires: true, packages } };
}
