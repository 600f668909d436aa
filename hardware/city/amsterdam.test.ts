import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AssetSchema } from '@city/domain';
import { describe, expect, it } from 'vitest';
import { listProfiles } from '../profiles/loader';
import { assetsOf, channelsOf, devicesOf } from './derive';
import { AMSTERDAM_CITY_FILE, type City, loadCity } from './loader';

const city = loadCity(AMSTERDAM_CITY_FILE);
const SHARED_DATA = join(import.meta.dirname, '..', '..', '..', 'shared', 'data');
const STATIONS_CSV = join(SHARED_DATA, 'ams-aq-luchtmeetnet-2017', 'stations_amsterdam.csv');
const NDW_CSV = join(SHARED_DATA, 'ams-traffic-ndw-a10-hourly', 'ndw_a10_intensiteit_2023.csv');
const STADSDELEN = ['Centrum', 'Noord', 'Oost', 'Zuid', 'West', 'Nieuw-West', 'Zuidoost'];

function everyPosition(c: City): [number, number][] {
  return c.cabinets.flatMap((cabinet) => [
    cabinet.location.coordinates,
    ...cabinet.devices.flatMap(({ asset: { geometry } }) =>
      geometry.type === 'Point' ? [geometry.coordinates] : geometry.coordinates,
    ),
  ]);
}

const countBy = <T>(items: readonly T[], key: (item: T) => string) =>
  items.reduce<Record<string, number>>((counts, item) => {
    counts[key(item)] = (counts[key(item)] ?? 0) + 1;
    return counts;
  }, {});

describe('the demo city of Amsterdam', () => {
  it('has about twenty cabinets, each on its own Modbus TCP port on loopback', () => {
    expect(city.cabinets).toHaveLength(23);
    expect(city.cabinets.map((c) => c.modbus)).toEqual(
      city.cabinets.map((_, n) => ({ host: '127.0.0.1', port: 1502 + n })),
    );
    // The skeleton's cabinet comes first, on the same port and with the same ids.
    expect(city.cabinets[0]).toMatchObject({ id: 'cab-vondelpark', modbus: { port: 1502 } });
  });

  it('puts assets on every layer: air stations, A10 loops, sewer, street lights and energy meters', () => {
    const assets = assetsOf(city);
    expect(countBy(assets, (a) => `${a.layer}/${a.kind}`)).toEqual({
      'air/air-quality-station': 12,
      'traffic/loop-detector': 8,
      'sewer/pumping-station': 3,
      'sewer/rain-gauge': 4,
      'sewer/field-cabinet': 3,
      'lighting/street-light-segment': 8,
      'lighting/field-cabinet': 4,
    });
    for (const asset of assets) {
      expect(AssetSchema.parse(asset)).toEqual(asset);
      expect(STADSDELEN).toContain(asset.district);
      expect(asset.geometry.type).toBe(asset.kind === 'street-light-segment' ? 'LineString' : 'Point');
    }
  });

  it('uses unique ids, known profiles, and positions inside the city bounds', () => {
    const devices = devicesOf(city);
    const unique = (ids: string[]) => expect(new Set(ids).size).toBe(ids.length);
    unique(city.cabinets.map((c) => c.id));
    unique(devices.map(({ device }) => device.id));
    unique(devices.map(({ device }) => device.asset.id));
    unique(city.cabinets.map((c) => `${c.modbus.host}:${c.modbus.port}`));
    for (const { device } of devices) expect(listProfiles()).toContain(device.profile.model);
    const [[west, south], [east, north]] = city.bounds;
    for (const [lon, lat] of everyPosition(city)) {
      expect(lon).toBeGreaterThanOrEqual(west);
      expect(lon).toBeLessThanOrEqual(east);
      expect(lat).toBeGreaterThanOrEqual(south);
      expect(lat).toBeLessThanOrEqual(north);
    }
  });

  it('derives the channels the control room and the tests know', () => {
    const channels = channelsOf(city, 'gw-demo').map((c) => c.id);
    expect(channels.length).toBeGreaterThan(400);
    expect(new Set(channels).size).toBe(channels.length);
    for (const id of [
      'aq-vondelpark/no2',
      'aq-vondelpark/pm10',
      'aq-vondelpark/pm25',
      'loop-a10-west/speed',
    ]) {
      expect(channels).toContain(id);
    }
    expect(channels).toContain('loop-a10-west/flow');
    expect(channels).toContain('sl-rokin-1/dim-level');
    expect(channels).toContain('ps-buiksloterham/overflow');
    expect(channels).toContain('em-rokin/energy-import');
  });

  it.skipIf(!existsSync(STATIONS_CSV))('places the air stations where Luchtmeetnet lists them', () => {
    const rows = readFileSync(STATIONS_CSV, 'utf8').trim().split('\n').slice(1);
    const listed = rows.map((row) => {
      const [name, lat, lon] = row.split(',');
      return { name: name?.replace(' -', '-'), position: [Number(lon), Number(lat)] };
    });
    const stations = assetsOf(city).filter((a) => a.kind === 'air-quality-station');
    expect(stations.map((s) => s.name).sort()).toEqual(listed.map((l) => l.name).sort());
    for (const station of stations) {
      expect(station.geometry.coordinates).toEqual(listed.find((l) => l.name === station.name)?.position);
      expect(station.properties.source).toBe('Bron: Luchtmeetnet (RIVM/GGD Amsterdam)');
    }
  });

  it.skipIf(!existsSync(NDW_CSV))('has a loop detector for each of the eight NDW sites on the A10', () => {
    const sites = new Set(
      readFileSync(NDW_CSV, 'utf8')
        .split('\n')
        .slice(1)
        .map((line) => line.split(',')[0])
        .filter(Boolean),
    );
    const loops = assetsOf(city).filter((a) => a.kind === 'loop-detector');
    expect(new Set(loops.map((l) => l.properties.ndwSite))).toEqual(sites);
    for (const loop of loops)
      expect(String(loop.properties.placement)).toMatch(/not the surveyed NDW position/);
  });
});
