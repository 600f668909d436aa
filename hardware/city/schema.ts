import { AssetSchema, IdSchema, LonLatSchema, PointGeometrySchema } from '@city/domain';
import { z } from 'zod';
import { formatPath } from '../lib/data-file';

/** Geometry and asset entries are the domain's own schemas: one AssetSchema for the city file and the database. */
export {
  type Geometry as AssetGeometry,
  GeometrySchema as AssetGeometrySchema,
  type PointGeometry,
  PointGeometrySchema,
} from '@city/domain';

/** Asset properties the signal models read; each must be a positive number when given. */
export const MODEL_PROPERTIES = [
  'lamps',
  'lampWatts',
  'pumpCapacityM3PerH',
  'wellAreaM2',
  'catchmentHa',
] as const;

export const DeviceEntrySchema = z.strictObject({
  /** Names the controller; the gateway's source bindings refer to it. */
  id: IdSchema,
  /** Modbus unit id behind the cabinet's gateway, 1..247 as on a serial bus. */
  unitId: z.int().min(1).max(247),
  /** Profile (register map) name, e.g. "loop-detector". */
  profile: z.string().min(1),
  asset: AssetSchema,
});
export type DeviceEntry = z.output<typeof DeviceEntrySchema>;

export const CabinetEntrySchema = z.strictObject({
  id: IdSchema,
  name: z.string().min(1),
  location: PointGeometrySchema,
  modbus: z
    .strictObject({
      /** Default 127.0.0.1. */
      host: z.string().min(1).default('127.0.0.1'),
      /** Default 1502 (502 needs root). */
      port: z.int().min(1).max(65535).default(1502),
    })
    .prefault({}),
  /** Also serve the devices over OPC UA (as a PLC in the cabinet would), on this port of the modbus host. */
  opcua: z.strictObject({ port: z.int().min(1).max(65535) }).optional(),
  devices: z.array(DeviceEntrySchema).min(1),
});
export type CabinetEntry = z.output<typeof CabinetEntrySchema>;

const CityFileFieldsSchema = z.strictObject({
  name: z.string().min(1),
  /** IANA zone the signal models keep local time in, e.g. "Europe/Amsterdam". */
  timeZone: z.string().refine(isTimeZone, 'expected an IANA time zone such as "Europe/Amsterdam"'),
  /** [[west, south], [east, north]] in degrees; every location must lie inside. */
  bounds: z.tuple([LonLatSchema, LonLatSchema]),
  cabinets: z.array(CabinetEntrySchema).min(1),
});

export const CityFileSchema = CityFileFieldsSchema.superRefine((city, ctx) => {
  for (const issue of cityIssues(city)) ctx.addIssue({ code: 'custom', ...issue });
});
export type CityFile = z.output<typeof CityFileSchema>;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

interface CityIssue {
  path: (string | number)[];
  message: string;
}

function cityIssues(city: z.output<typeof CityFileFieldsSchema>): CityIssue[] {
  const issues: CityIssue[] = [];
  const [[west, south], [east, north]] = city.bounds;
  if (!(west < east && south < north)) {
    issues.push({ path: ['bounds'], message: 'expected [[west, south], [east, north]]' });
  }
  const checkInside = (path: (string | number)[], [lon, lat]: [number, number]) => {
    if (lon >= west && lon <= east && lat >= south && lat <= north) return;
    const swapped = lat >= west && lat <= east && lon >= south && lon <= north;
    issues.push({
      path,
      message: `[${lon}, ${lat}] lies outside the city bounds${swapped ? '; GeoJSON is [longitude, latitude]: swap them' : ''}`,
    });
  };
  const unique = new Map<string, string>();
  const claim = (kind: string, value: string, path: (string | number)[]) => {
    const key = `${kind}:${value}`;
    const earlier = unique.get(key);
    if (earlier) issues.push({ path, message: `${kind} "${value}" is already used at ${earlier}` });
    else unique.set(key, formatPath(path));
  };

  city.cabinets.forEach((cabinet, c) => {
    claim('cabinet id', cabinet.id, ['cabinets', c, 'id']);
    claim('port', `${cabinet.modbus.host}:${cabinet.modbus.port}`, ['cabinets', c, 'modbus', 'port']);
    if (cabinet.opcua) {
      claim('port', `${cabinet.modbus.host}:${cabinet.opcua.port}`, ['cabinets', c, 'opcua', 'port']);
    }
    checkInside(['cabinets', c, 'location', 'coordinates'], cabinet.location.coordinates);
    const unitIds = new Map<number, number>();
    cabinet.devices.forEach((device, d) => {
      const path = ['cabinets', c, 'devices', d];
      claim('device id', device.id, [...path, 'id']);
      claim('asset id', device.asset.id, [...path, 'asset', 'id']);
      const earlier = unitIds.get(device.unitId);
      if (earlier !== undefined) {
        issues.push({
          path: [...path, 'unitId'],
          message: `unit id ${device.unitId} is already used by devices[${earlier}] in this cabinet`,
        });
      } else unitIds.set(device.unitId, d);
      const { geometry } = device.asset;
      const where = [...path, 'asset', 'geometry', 'coordinates'];
      if (geometry.type === 'Point') checkInside(where, geometry.coordinates);
      else
        geometry.coordinates.forEach((position, p) => {
          checkInside([...where, p], position);
        });
      for (const name of MODEL_PROPERTIES) {
        const value = device.asset.properties[name];
        if (value !== undefined && !(typeof value === 'number' && Number.isFinite(value) && value > 0)) {
          issues.push({
            path: [...path, 'asset', 'properties', name],
            message: `expected a positive number (got ${JSON.stringify(value)})`,
          });
        }
      }
    });
  });
  return issues;
}
