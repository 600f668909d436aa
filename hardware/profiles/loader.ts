import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseDataFile } from '../lib/data-file';
import { HardwareError } from '../lib/errors';
import { type Profile, ProfileSchema } from './schema';

/** Profiles are data: one YAML file per controller model, next to this loader. */
export const PROFILES_DIR = import.meta.dirname;

const cache = new Map<string, Profile>();

/** Names of the profiles on disk, sorted, e.g. ["air-quality-station", "loop-detector"]. */
export function listProfiles(): string[] {
  return readdirSync(PROFILES_DIR)
    .filter((file) => file.endsWith('.yaml'))
    .map((file) => file.slice(0, -'.yaml'.length))
    .sort();
}

/** Loads and validates a profile by model name; cached, since profiles do not change while running. */
export function loadProfile(name: string): Profile {
  const cached = cache.get(name);
  if (cached) return cached;
  const known = listProfiles();
  if (!known.includes(name)) {
    throw new HardwareError(
      'CITY_HW_UNKNOWN_PROFILE',
      `no profile "${name}" in ${PROFILES_DIR}; expected one of ${known.join(', ')}`,
    );
  }
  const profile = loadProfileFile(join(PROFILES_DIR, `${name}.yaml`));
  cache.set(name, profile);
  return profile;
}

/** Validates one profile file; its model must match the file name so a profile is found by name. */
export function loadProfileFile(file: string): Profile {
  const expectedModel = basename(file, '.yaml');
  return parseDataFile(file, ProfileSchema, (profile) =>
    profile.model === expectedModel
      ? []
      : [
          {
            path: ['model'],
            message: `must equal the file name "${expectedModel}" (got "${profile.model}")`,
          },
        ],
  );
}

export function findPoint(
  profile: Pick<Profile, 'model' | 'points'>,
  pointName: string,
): Profile['points'][number] {
  const point = profile.points.find((candidate) => candidate.name === pointName);
  if (!point) {
    throw new HardwareError(
      'CITY_HW_UNKNOWN_POINT',
      `profile "${profile.model}" has no point "${pointName}"; expected one of ${profile.points.map((p) => p.name).join(', ')}`,
    );
  }
  return point;
}
