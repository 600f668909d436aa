/**
 * One-file build of the gateway (plus lazily loaded chunks beside it) for a Raspberry Pi (arm64, Node 20): dist/gateway.mjs (the service)
 * and dist/gateway-cli.mjs (check / generate), with the device profiles beside them. better-sqlite3
 * and serialport stay outside: they are native and are installed on the Pi for its own CPU
 * (hardware/pi/install.sh). So does node-opcua, which reads files from its own package at run time
 * and is only loaded by a gateway with OPC UA devices: their package.json and package-lock.json, cut
 * from the monorepo's lockfile, go beside the bundle for `npm ci` on the Pi. The embedded database is
 * left out: a cabinet writes to a server.
 */
import { cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { RUNTIME_DEPENDENCIES, runtimeManifests } from './runtime-lock';

const GATEWAY = join(import.meta.dirname, '..');
const PROFILES = join(GATEWAY, '..', 'hardware', 'profiles');

const noEmbeddedDatabase: Plugin = {
  name: 'no-embedded-database',
  setup(context) {
    context.onResolve({ filter: /adapters\/embedded$/ }, () => ({ path: 'embedded', namespace: 'stub' }));
    context.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({
      contents: `export async function openEmbeddedDatabase() {
        throw new Error('this gateway build has no embedded database: set DATABASE_URL (or database.urlFile in the config)');
      }`,
    }));
  },
};

export async function bundleGateway(outDir = join(GATEWAY, 'dist')): Promise<string> {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  await build({
    entryPoints: { gateway: join(GATEWAY, 'src', 'main.ts'), 'gateway-cli': join(GATEWAY, 'src', 'cli.ts') },
    outdir: outDir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    // The OPC UA source is imported lazily; as its own chunk, node-opcua (~40 MB) is never loaded by a
    // gateway without OPC UA devices. Without splitting, its static imports would be hoisted to the top.
    splitting: true,
    chunkNames: 'chunk-[hash]',
    // CommonJS dependencies (pino, pg) call require; an ES module bundle has to provide it.
    banner: {
      js: "import { createRequire as createRequireForBundle } from 'node:module'; const require = createRequireForBundle(import.meta.url);",
    },
    external: [...RUNTIME_DEPENDENCIES, '@serialport/*', 'pg-native'],
    plugins: [noEmbeddedDatabase],
    logLevel: 'warning',
  });
  // The profile loader reads its YAML files from beside the code that loads them: the bundle's folder.
  for (const file of readdirSync(PROFILES).filter((name) => name.endsWith('.yaml'))) {
    cpSync(join(PROFILES, file), join(outDir, file));
  }
  const { manifest, lockfile } = runtimeManifests();
  writeFileSync(join(outDir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(join(outDir, 'package-lock.json'), `${JSON.stringify(lockfile, null, 2)}\n`);
  return outDir;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const outDir = await bundleGateway();
  process.stdout.write(`gateway bundle in ${outDir}\n`);
}
