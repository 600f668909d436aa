import { DataFileError, formatPath } from '../lib/data-file';
import { HardwareError } from '../lib/errors';
import { seededRandom } from '../simulators/signals/random';
import { profileIssues } from './loader';
import { type AssetGeometry, type CabinetEntry, type CityFile, CityFileSchema } from './schema';

export interface GenerateOptions {
  /** How many cabinets the synthetic city has; the first ones are the base city's own. */
  cabinets: number;
  /** Port of the first cabinet; the others follow one by one. Default: the base's first port. */
  firstPort?: number;
  /** Same seed, same city. Default 1. */
  seed?: number;
  /** How far a copy may move from its original, in degrees [longitude, latitude]. Default [0.03, 0.02]. */
  jitter?: [number, number];
}

/**
 * A larger synthetic city for benchmarks (`--scale N`): the base city's cabinets, then copies of
 * them in turn, each moved a little (seeded) and kept inside the city bounds, with ids suffixed
 * "-s<copy>" and one Modbus port per cabinet. A copy keeps its original's district even where the
 * move took it over a border. The result passes the same validation as a city file.
 */
export function generateCity(base: CityFile, options: GenerateOptions): CityFile {
  const { cabinets: count, seed = 1, jitter = [0.03, 0.02] } = options;
  const firstPort = options.firstPort ?? base.cabinets[0]?.modbus.port ?? 1502;
  if (!Number.isInteger(count) || count < 1) {
    throw new HardwareError('CITY_HW_INVALID_SCALE', `cabinets: expected a whole number >= 1 (got ${count})`);
  }
  if (firstPort + count - 1 > 65_535) {
    throw new HardwareError(
      'CITY_HW_INVALID_SCALE',
      `${count} cabinets from port ${firstPort} run past port 65535; choose a lower first port or fewer cabinets`,
    );
  }
  const random = seededRandom(seed);
  const cabinets = Array.from({ length: count }, (_, index) => {
    // Synthetic cabinets speak Modbus only: a thousand OPC UA servers would measure node-opcua, not us.
    const { opcua: _opcua, ...template } = base.cabinets[index % base.cabinets.length] as CabinetEntry;
    const copy = Math.floor(index / base.cabinets.length);
    const port = firstPort + index;
    if (copy === 0) return { ...template, modbus: { ...template.modbus, port } };
    return copyCabinet(template, copy, port, shiftInside(template, base.bounds, jitter, random));
  });
  return validated({ ...base, name: `${base.name} x${count} (synthetic)`, cabinets });
}

type Shift = (position: [number, number]) => [number, number];

/** A random move of the whole cabinet, shrunk where needed so every position stays inside the bounds. */
function shiftInside(
  cabinet: CabinetEntry,
  [[west, south], [east, north]]: CityFile['bounds'],
  [lonJitter, latJitter]: [number, number],
  random: () => number,
): Shift {
  const positions = [
    cabinet.location.coordinates,
    ...cabinet.devices.flatMap((d) => positionsOf(d.asset.geometry)),
  ];
  const lons = positions.map(([lon]) => lon);
  const lats = positions.map(([, lat]) => lat);
  const pick = (low: number, high: number, spread: number) =>
    Math.min(high, Math.max(low, (2 * random() - 1) * spread));
  const dLon = pick(west - Math.min(...lons), east - Math.max(...lons), lonJitter);
  const dLat = pick(south - Math.min(...lats), north - Math.max(...lats), latJitter);
  const round = (value: number) => Math.round(value * 1e6) / 1e6;
  return ([lon, lat]) => [round(lon + dLon), round(lat + dLat)];
}

function positionsOf(geometry: AssetGeometry): [number, number][] {
  return geometry.type === 'Point' ? [geometry.coordinates] : geometry.coordinates;
}

function moved(geometry: AssetGeometry, shift: Shift): AssetGeometry {
  return geometry.type === 'Point'
    ? { type: 'Point', coordinates: shift(geometry.coordinates) }
    : { type: 'LineString', coordinates: geometry.coordinates.map(shift) };
}

function copyCabinet(template: CabinetEntry, copy: number, port: number, shift: Shift): CabinetEntry {
  const suffix = `-s${copy}`;
  return {
    ...template,
    id: `${template.id}${suffix}`,
    name: `${template.name} (synthetic ${copy})`,
    location: { type: 'Point', coordinates: shift(template.location.coordinates) },
    modbus: { ...template.modbus, port },
    devices: template.devices.map((device) => ({
      ...device,
      id: `${device.id}${suffix}`,
      asset: {
        ...device.asset,
        id: `${device.asset.id}${suffix}`,
        name: `${device.asset.name} (synthetic ${copy})`,
        geometry: moved(device.asset.geometry, shift),
        properties: { ...device.asset.properties, synthetic: true, copyOf: device.asset.id },
      },
    })),
  };
}

/** The same checks a city file gets, so a generated city is refused as clearly as a written one. */
function validated(city: CityFile): CityFile {
  const parsed = CityFileSchema.safeParse(city);
  const issues = parsed.success
    ? profileIssues(parsed.data)
    : parsed.error.issues.map((issue) => ({ path: issue.path, message: issue.message }));
  if (issues.length > 0) {
    throw new DataFileError(
      '(generated city)',
      issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message })),
    );
  }
  return parsed.data as CityFile;
}
