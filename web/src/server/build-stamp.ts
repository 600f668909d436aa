import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { WEB_ROOT } from './paths';

/** Everything that goes into the browser bundle; tests and build output do not. */
const INPUTS = [
  'src',
  'public',
  'next.config.ts',
  'package.json',
  'tsconfig.json',
  '../tsconfig.base.json',
  '../db/src/domain',
];
const SKIPPED = /(^|\/)(node_modules|\.next|\.results)(\/|$)|\.test\.tsx?$/;

/** A hash of the control room's build inputs and the Next version; equal stamps mean the build is current. */
export function computeBuildStamp(root = WEB_ROOT): string {
  const hash = createHash('sha256');
  const nextVersion = (createRequire(join(root, 'package.json'))('next/package.json') as { version: string })
    .version;
  hash.update(`next@${nextVersion}\n`);
  const files = INPUTS.flatMap((input) => listFiles(join(root, input)))
    .filter((file) => !SKIPPED.test(relative(root, file)))
    .sort();
  for (const file of files) {
    hash.update(`${relative(root, file)}\n`);
    hash.update(readFileSync(file));
  }
  return hash.digest('hex');
}

function listFiles(path: string): string[] {
  if (!existsSync(path) || /(^|\/)node_modules$/.test(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).flatMap((entry) => listFiles(join(path, entry)));
}
