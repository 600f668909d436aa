import { describe, expect, it } from 'vitest';
import { resolveStyleUrls, styleCredits } from './resolve-style';

const STYLE_URL = 'http://control.city.example/basemap-style/city.json';

describe('a city style file read from the server', () => {
  it('finds a PMTiles archive, GeoJSON, sprite and glyphs beside the style, not beside the page', () => {
    const style = resolveStyleUrls(
      {
        version: 8,
        sources: {
          city: { url: 'pmtiles://city.pmtiles' },
          canals: { data: 'water/canals.geojson' },
          aerial: { tiles: ['tiles/{z}/{x}/{y}.png'] },
        },
        sprite: 'sprites/city',
        glyphs: 'fonts/{fontstack}/{range}.pbf',
        layers: [],
      },
      STYLE_URL,
    );
    expect(style.sources?.city?.url).toBe('pmtiles://http://control.city.example/basemap-style/city.pmtiles');
    expect(style.sources?.canals?.data).toBe(
      'http://control.city.example/basemap-style/water/canals.geojson',
    );
    expect(style.sources?.aerial?.tiles).toEqual([
      'http://control.city.example/basemap-style/tiles/{z}/{x}/{y}.png',
    ]);
    expect(style.sprite).toBe('http://control.city.example/basemap-style/sprites/city');
    expect(style.glyphs).toBe('http://control.city.example/basemap-style/fonts/{fontstack}/{range}.pbf');
    expect(style.layers).toEqual([]);
  });

  it("leaves a tile service's full URLs and inline GeoJSON as they are", () => {
    const inline = { type: 'FeatureCollection', features: [] };
    const style = resolveStyleUrls(
      {
        sources: {
          osm: { url: 'https://tiles.city.example/planet.json' },
          archive: { url: 'pmtiles://https://tiles.city.example/city.pmtiles' },
          drawn: { data: inline },
        },
        sprite: [{ id: 'default', url: 'https://tiles.city.example/sprite' }],
      },
      STYLE_URL,
    );
    expect(style.sources?.osm?.url).toBe('https://tiles.city.example/planet.json');
    expect(style.sources?.archive?.url).toBe('pmtiles://https://tiles.city.example/city.pmtiles');
    expect(style.sources?.drawn?.data).toBe(inline);
    expect(style.sprite).toEqual([{ id: 'default', url: 'https://tiles.city.example/sprite' }]);
  });

  it('credits each source once, as text', () => {
    const credits = styleCredits({
      sources: {
        a: { attribution: '<a href="https://openstreetmap.org/copyright">© OpenStreetMap</a> contributors' },
        b: { attribution: '© OpenStreetMap contributors' },
        c: {},
      },
    });
    expect(credits).toEqual(['© OpenStreetMap contributors']);
  });
});
