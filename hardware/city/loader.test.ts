import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { DataFileError } from '../lib/data-file';
import { loadCity, SKELETON_CITY_FILE } from './loader';

const scratchDirs: string[] = [];
function scratchDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'city-'));
  scratchDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of scratchDirs) rmSync(dir, { recursive: true, force: true });
});

type Editable = Record<string, unknown> & { cabinets: Record<string, unknown>[] };

function writeCity(edit: (city: Editable) => void): string {
  const city = parse(readFileSync(SKELETON_CITY_FILE, 'utf8')) as Editable;
  edit(city);
  const file = join(scratchDir(), 'city.yaml');
  writeFileSync(file, stringify(city));
  return file;
}

function errorFor(edit: (city: Editable) => void): DataFileError {
  const file = writeCity(edit);
  try {
    loadCity(file);
  } catch (error) {
    if (error instanceof DataFileError) return error;
    throw error;
  }
  throw new Error('expected the city to be rejected');
}

/** cabinets[0].devices[index], typed loosely so a test can break it. */
function device(city: Editable, index: number): Record<string, Record<string, unknown>> {
  const devices = city.cabinets[0]?.devices as Record<string, Record<string, unknown>>[] | undefined;
  const found = devices?.[index];
  if (!found) throw new Error(`fixture has no devices[${index}]`);
  return found;
}

describe('city description', () => {
  it('loads the skeleton: one cabinet on 127.0.0.1:1502 with an air station and a loop detector', () => {
    const city = loadCity();
    expect(city.cabinets).toHaveLength(1);
    const [cabinet] = city.cabinets;
    expect(cabinet).toMatchObject({ id: 'cab-vondelpark', modbus: { host: '127.0.0.1', port: 1502 } });
    expect(cabinet?.timeZone).toBe('Europe/Amsterdam');
    expect(cabinet?.devices.map((d) => [d.unitId, d.profile.model, d.asset.kind, d.asset.layer])).toEqual([
      [1, 'air-quality-station', 'air-quality-station', 'air'],
      [2, 'loop-detector', 'loop-detector', 'traffic'],
    ]);
    // The real GGD station, as Luchtmeetnet lists it.
    expect(cabinet?.devices[0]?.asset.geometry).toEqual({
      type: 'Point',
      coordinates: [4.866185, 52.359864],
    });
    expect(cabinet?.devices[0]?.asset.properties.source).toBe('Bron: Luchtmeetnet (RIVM/GGD Amsterdam)');
    expect(String(cabinet?.devices[1]?.asset.properties.placement)).toMatch(/placed by/);
  });

  it('fills in the Modbus defaults when a cabinet leaves them out', () => {
    const file = writeCity((city) => {
      delete city.cabinets[0]?.modbus;
    });
    expect(loadCity(file).cabinets[0]?.modbus).toEqual({ host: '127.0.0.1', port: 1502 });
  });

  it('names the unknown profile and lists the ones that exist', () => {
    const error = errorFor((city) => {
      device(city, 1).profile = 'loop-detektor' as never;
    });
    expect(error.message).toContain(
      'cabinets[0].devices[1].profile: expected one of air-quality-station, eastron-sdm630, loop-detector, rain-gauge, sewer-pumping-station, street-light-segment (got "loop-detektor")',
    );
  });

  it('refuses a device whose asset kind is not what its profile describes', () => {
    const error = errorFor((city) => {
      const entry = device(city, 0);
      if (entry.asset) entry.asset.kind = 'rain-gauge';
    });
    expect(error.message).toContain(
      'cabinets[0].devices[0].asset.kind: profile "air-quality-station" describes a air-quality-station (got "rain-gauge")',
    );
  });

  it('refuses two devices on one unit id, and reused device or asset ids', () => {
    const error = errorFor((city) => {
      const second = device(city, 1);
      second.unitId = 1 as never;
      second.id = 'vondelpark-aq-logger' as never;
      if (second.asset) second.asset.id = 'aq-vondelpark';
    });
    expect(error.message).toContain(
      'cabinets[0].devices[1].unitId: unit id 1 is already used by devices[0] in this cabinet',
    );
    expect(error.message).toContain(
      'cabinets[0].devices[1].id: device id "vondelpark-aq-logger" is already used at cabinets[0].devices[0].id',
    );
    expect(error.message).toContain(
      'cabinets[0].devices[1].asset.id: asset id "aq-vondelpark" is already used',
    );
  });

  it('spots latitude and longitude written the wrong way round', () => {
    const error = errorFor((city) => {
      const asset = device(city, 0).asset;
      if (asset) asset.geometry = { type: 'Point', coordinates: [52.359864, 4.866185] };
    });
    expect(error.message).toContain(
      'cabinets[0].devices[0].asset.geometry.coordinates: [52.359864, 4.866185] lies outside the city bounds; GeoJSON is [longitude, latitude]: swap them',
    );
  });

  it('checks ids, unit ids, geometry type and time zone against what is expected', () => {
    const error = errorFor((city) => {
      city.timeZone = 'Europe/Amsterdan';
      const first = device(city, 0);
      first.unitId = 300 as never;
      first.id = 'AQ Vondelpark' as never;
      if (first.asset) first.asset.geometry = { type: 'Polygon', coordinates: [4.86, 52.35] };
    });
    expect(error.issues.map((i) => `${i.path}: ${i.message}`)).toEqual([
      'timeZone: expected an IANA time zone such as "Europe/Amsterdam" (got "Europe/Amsterdan")',
      'cabinets[0].devices[0].id: use lower-case letters, digits and dashes, e.g. "aq-vondelpark" (got "AQ Vondelpark")',
      'cabinets[0].devices[0].unitId: expected a number <= 247 (got 300)',
      'cabinets[0].devices[0].asset.geometry.type: expected one of Point, LineString (got "Polygon")',
    ]);
  });

  it('says so when the file is not there', () => {
    expect(() => loadCity('/nonexistent/city.yaml')).toThrow(
      /\/nonexistent\/city\.yaml: \(root\): file not found/,
    );
  });
});
