import { join } from 'node:path';
import type { Asset } from '@city/domain';
import { type CheckIssue, parseDataFile } from '../lib/data-file';
import { listProfiles, loadProfile } from '../profiles/loader';
import type { Profile } from '../profiles/schema';
import { type CityFile, CityFileSchema, type PointGeometry } from './schema';

/** The walking-skeleton city: one field cabinet with two devices. */
export const SKELETON_CITY_FILE = join(import.meta.dirname, 'skeleton.yaml');
/** The demo city: about twenty cabinets at real places in Amsterdam, one Modbus TCP port each. */
export const AMSTERDAM_CITY_FILE = join(import.meta.dirname, 'amsterdam.yaml');

/** A device in a cabinet, with its register map resolved. */
export interface Device {
  id: string;
  unitId: number;
  profile: Profile;
  asset: Asset;
}

export interface Cabinet {
  id: string;
  name: string;
  location: PointGeometry;
  modbus: { host: string; port: number };
  /** Where it also serves OPC UA, if it does. */
  opcua: { port: number } | undefined;
  /** The city's time zone, which the signal models keep local time in. */
  timeZone: string;
  devices: Device[];
}

export interface City {
  name: string;
  timeZone: string;
  bounds: CityFile['bounds'];
  cabinets: Cabinet[];
}

/**
 * Loads and validates a city description, resolving each device's profile. Every mistake is
 * reported with file, field path and what is expected, all at once.
 */
export function loadCity(file: string = SKELETON_CITY_FILE): City {
  return resolveCity(loadCityFile(file));
}

/** The validated description as written, before profiles are resolved (e.g. to generate a larger city from). */
export function loadCityFile(file: string = SKELETON_CITY_FILE): CityFile {
  return parseDataFile(file, CityFileSchema, profileIssues);
}

/** Resolves each device's profile; the description must already be valid (see loadCityFile). */
export function resolveCity(cityFile: CityFile): City {
  return {
    name: cityFile.name,
    timeZone: cityFile.timeZone,
    bounds: cityFile.bounds,
    cabinets: cityFile.cabinets.map((cabinet) => ({
      id: cabinet.id,
      name: cabinet.name,
      location: cabinet.location,
      modbus: cabinet.modbus,
      opcua: cabinet.opcua,
      timeZone: cityFile.timeZone,
      devices: cabinet.devices.map((device) => ({
        id: device.id,
        unitId: device.unitId,
        profile: loadProfile(device.profile),
        asset: device.asset,
      })),
    })),
  };
}

/** Each device must name a profile that exists and that describes its kind of asset. */
export function profileIssues(city: CityFile): CheckIssue[] {
  const known = listProfiles();
  const issues: CheckIssue[] = [];
  city.cabinets.forEach((cabinet, c) => {
    cabinet.devices.forEach((device, d) => {
      const path = ['cabinets', c, 'devices', d];
      if (!known.includes(device.profile)) {
        issues.push({
          path: [...path, 'profile'],
          message: `expected one of ${known.join(', ')} (got "${device.profile}")`,
        });
        return;
      }
      const profile = loadProfile(device.profile);
      if (profile.assetKind !== device.asset.kind) {
        issues.push({
          path: [...path, 'asset', 'kind'],
          message: `profile "${profile.model}" describes a ${profile.assetKind} (got "${device.asset.kind}")`,
        });
      }
    });
  });
  return issues;
}
