import { describe, expect, it } from 'vitest';
import { assetsOf, channelsOf } from './derive';
import { generateCity } from './generate';
import { AMSTERDAM_CITY_FILE, loadCityFile, resolveCity } from './loader';

const base = loadCityFile(AMSTERDAM_CITY_FILE);

describe('a synthetic city for benchmarks (--scale N)', () => {
  const big = resolveCity(generateCity(base, { cabinets: 500 }));

  it('grows the demo city to 500 cabinets of about 10,000 channels, ids and ports all unique', () => {
    expect(big.cabinets).toHaveLength(500);
    const ids = big.cabinets.flatMap((c) => [c.id, ...c.devices.flatMap((d) => [d.id, d.asset.id])]);
    expect(new Set(ids).size).toBe(ids.length);
    const ports = big.cabinets.map((c) => c.modbus.port);
    expect(new Set(ports).size).toBe(500);
    expect(Math.min(...ports)).toBe(1502);
    expect(Math.max(...ports)).toBe(2001);
    const channels = channelsOf(big, 'gw-bench');
    expect(channels.length).toBeGreaterThan(9000);
    expect(assetsOf(big)).toHaveLength(big.cabinets.reduce((sum, c) => sum + c.devices.length, 0));
  });

  it('keeps the real cabinets as they are and moves each copy as a whole, inside the bounds', () => {
    expect(big.cabinets.slice(0, base.cabinets.length).map((c) => c.id)).toEqual(
      base.cabinets.map((c) => c.id),
    );
    const copy = big.cabinets.find((c) => c.id === 'cab-rokin-s3');
    const original = big.cabinets.find((c) => c.id === 'cab-rokin');
    const [lon, lat] = copy?.location.coordinates ?? [0, 0];
    const [lon0, lat0] = original?.location.coordinates ?? [0, 0];
    expect(Math.abs(lon - lon0)).toBeLessThanOrEqual(0.03);
    expect(Math.abs(lat - lat0)).toBeLessThanOrEqual(0.02);
    expect(copy?.devices[0]?.asset).toMatchObject({
      id: 'sl-rokin-1-s3',
      geometry: { type: 'LineString' },
      properties: { synthetic: true, copyOf: 'sl-rokin-1' },
    });
  });

  it('is the same city for the same seed', () => {
    const again = generateCity(base, { cabinets: 60, seed: 7 });
    expect(generateCity(base, { cabinets: 60, seed: 7 })).toEqual(again);
    expect(generateCity(base, { cabinets: 60, seed: 8 })).not.toEqual(again);
  });

  it('refuses a scale it cannot serve', () => {
    expect(() => generateCity(base, { cabinets: 0 })).toThrow(
      /CITY_HW_INVALID_SCALE: cabinets: expected a whole number >= 1/,
    );
    expect(() => generateCity(base, { cabinets: 100, firstPort: 65_500 })).toThrow(/run past port 65535/);
  });
});
