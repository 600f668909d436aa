import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { basemapFromEnv } from './basemap-setting';

const folder = mkdtempSync(join(tmpdir(), 'city-style-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function styleFile(name: string, style: unknown): string {
  const file = join(folder, name);
  writeFileSync(file, typeof style === 'string' ? style : JSON.stringify(style));
  return file;
}

const CITY_STYLE = {
  version: 8,
  sources: { city: { type: 'vector', url: 'pmtiles://city.pmtiles' } },
  layers: [{ id: 'land', type: 'fill', source: 'city', 'source-layer': 'land' }],
};
const env = (style?: string, origins: string[] = []) => ({ BASEMAP_STYLE: style, BASEMAP_ORIGINS: origins });

describe("a city's own base map (BASEMAP_STYLE), checked at boot", () => {
  it('keeps the shipped base map when nothing is configured', () => {
    expect(basemapFromEnv(env())).toBeUndefined();
  });

  it('serves a style file with its archive from the server, relative to the working folder too', () => {
    writeFileSync(join(folder, 'city.pmtiles'), 'PMTiles');
    const file = styleFile('city.json', CITY_STYLE);
    expect(basemapFromEnv(env(file))).toEqual({ styleUrl: '/basemap-style/city.json', folder, origins: [] });
    expect(basemapFromEnv(env('city.json'), folder)?.folder).toBe(folder);
  });

  it("lets the pages fetch a tile service's style, and the further origins named", () => {
    const setting = basemapFromEnv(
      env('https://tiles.city.example/styles/grey.json', [
        'https://fonts.city.example',
        'https://tiles.city.example',
      ]),
    );
    expect(setting).toEqual({
      styleUrl: 'https://tiles.city.example/styles/grey.json',
      origins: ['https://tiles.city.example', 'https://fonts.city.example'],
    });
  });

  it.each([
    [
      'a file that is not there',
      () => join(folder, 'nope.json'),
      /nope\.json does not exist; give the path of a MapLibre style JSON/,
    ],
    [
      'a file that is not JSON',
      () => styleFile('broken.json', '{ "version": 8,'),
      /broken\.json is not JSON/,
    ],
    [
      'a version-7 style',
      () => styleFile('old.json', { ...CITY_STYLE, version: 7 }),
      /old\.json: field version must be 8/,
    ],
    [
      'a style without layers',
      () => styleFile('bare.json', { ...CITY_STYLE, layers: [] }),
      /field layers needs at least one layer/,
    ],
    [
      'a source without a type',
      () =>
        styleFile('untyped.json', { ...CITY_STYLE, sources: { city: { url: 'pmtiles://city.pmtiles' } } }),
      /field sources\.city\.type needs a type/,
    ],
    [
      'an archive missing beside the style',
      () =>
        styleFile('lost.json', {
          ...CITY_STYLE,
          sources: { city: { type: 'vector', url: 'pmtiles://gone.pmtiles' } },
        }),
      /field sources\.city\.url names gone\.pmtiles, which is not in .*; put the file beside the style, or give a full URL/,
    ],
  ])('refuses %s, naming the file, the field and the fix', (_case, file, message) => {
    expect(() => basemapFromEnv(env(file()))).toThrow(/^environment variable BASEMAP_STYLE: /);
    expect(() => basemapFromEnv(env(file()))).toThrow(message);
  });

  it('refuses an origin that is not one, and origins without a style', () => {
    expect(() => basemapFromEnv(env('https://tiles.city.example/s.json', ['tiles.city.example']))).toThrow(
      'environment variable BASEMAP_ORIGINS: "tiles.city.example" is not an origin; write it as https://tiles.example',
    );
    expect(() => basemapFromEnv(env(undefined, ['https://tiles.city.example']))).toThrow(
      /set BASEMAP_STYLE too/,
    );
  });
});
