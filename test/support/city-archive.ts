import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import GeoJSONVT from 'geojson-vt';
import vtpbf from 'vt-pbf';
import { type ArchiveTile, writePmtiles } from './pmtiles-writer';

const BASEMAP = join(import.meta.dirname, '..', '..', 'web', 'public', 'basemap');
/** Amsterdam, as the shipped base map covers it. */
const BOUNDS: [number, number, number, number] = [4.72, 52.26, 5.08, 52.44];
const MIN_ZOOM = 9;
const MAX_ZOOM = 13;

const readCollection = (name: string) => JSON.parse(readFileSync(join(BASEMAP, `${name}.geojson`), 'utf8'));

const tileRange = (lon: number, lat: number, z: number) => {
  const n = 2 ** z;
  const rad = (lat * Math.PI) / 180;
  return {
    x: Math.floor(((lon + 180) / 360) * n),
    y: Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n),
  };
};

/**
 * The shipped base map's land and districts as a vector PMTiles archive, with source layers `land`
 * and `districts`: what a city that has its own tiles would configure through BASEMAP_STYLE.
 */
export function cityArchive(): Buffer {
  const layers = {
    land: new GeoJSONVT(readCollection('land'), { maxZoom: MAX_ZOOM, indexMaxZoom: MAX_ZOOM }),
    districts: new GeoJSONVT(readCollection('districts'), { maxZoom: MAX_ZOOM, indexMaxZoom: MAX_ZOOM }),
  };
  const tiles: ArchiveTile[] = [];
  for (let z = MIN_ZOOM; z <= MAX_ZOOM; z += 1) {
    const topLeft = tileRange(BOUNDS[0], BOUNDS[3], z);
    const bottomRight = tileRange(BOUNDS[2], BOUNDS[1], z);
    for (let x = topLeft.x; x <= bottomRight.x; x += 1)
      for (let y = topLeft.y; y <= bottomRight.y; y += 1) {
        const land = layers.land.getTile(z, x, y);
        const districts = layers.districts.getTile(z, x, y);
        if (!land && !districts) continue;
        const data = vtpbf.fromGeojsonVt(
          { ...(land ? { land } : {}), ...(districts ? { districts } : {}) },
          { version: 2 },
        );
        tiles.push({ z, x, y, data });
      }
  }
  return writePmtiles(tiles, {
    bounds: BOUNDS,
    center: [4.895, 52.356, 11],
    metadata: {
      name: 'Amsterdam land and districts (test archive)',
      vector_layers: [
        { id: 'land', fields: {} },
        { id: 'districts', fields: { name: 'String' } },
      ],
    },
  });
}
