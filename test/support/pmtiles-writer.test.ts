import { PMTiles, type RangeResponse, type Source } from 'pmtiles';
import { describe, expect, it } from 'vitest';
import { cityArchive } from './city-archive';
import { writePmtiles } from './pmtiles-writer';

/** The pmtiles reader (the one the browser uses) over an archive in memory. */
function inMemory(archive: Buffer): Source {
  return {
    getKey: () => 'memory',
    getBytes: async (offset: number, length: number): Promise<RangeResponse> => ({
      data: archive.buffer.slice(
        archive.byteOffset + offset,
        archive.byteOffset + offset + length,
      ) as ArrayBuffer,
    }),
  };
}

describe('the PMTiles archive the base-map test serves', () => {
  it('reads back through the pmtiles reader: header, metadata, each tile byte for byte', async () => {
    const tiles = [
      { z: 0, x: 0, y: 0, data: new Uint8Array([1, 2, 3]) },
      { z: 2, x: 3, y: 1, data: new Uint8Array([9, 8]) },
      { z: 1, x: 1, y: 0, data: new Uint8Array([7]) },
    ];
    const reader = new PMTiles(
      inMemory(
        writePmtiles(tiles, {
          bounds: [4.7, 52.2, 5.1, 52.5],
          center: [4.9, 52.36, 1],
          metadata: { name: 'x' },
        }),
      ),
    );
    const header = await reader.getHeader();
    expect(header).toMatchObject({
      specVersion: 3,
      minZoom: 0,
      maxZoom: 2,
      numAddressedTiles: 3,
      tileType: 1,
    });
    expect(header.minLon).toBeCloseTo(4.7, 6);
    expect(header.centerLat).toBeCloseTo(52.36, 6);
    expect(await reader.getMetadata()).toEqual({ name: 'x' });
    for (const tile of tiles) {
      const read = await reader.getZxy(tile.z, tile.x, tile.y);
      expect(new Uint8Array(read?.data ?? new ArrayBuffer(0))).toEqual(tile.data);
    }
    expect(await reader.getZxy(2, 0, 0)).toBeUndefined();
  });

  it("holds Amsterdam's land and districts as vector tiles from zoom 9 to 13", async () => {
    const reader = new PMTiles(inMemory(cityArchive()));
    const header = await reader.getHeader();
    expect(header.minZoom).toBe(9);
    expect(header.maxZoom).toBe(13);
    expect(header.numAddressedTiles).toBeGreaterThan(20);
    // Zoom 11 tile 1051/673 covers the centre (Dam square, 4.893 E 52.373 N).
    const centre = await reader.getZxy(11, 1051, 673);
    expect(centre?.data.byteLength).toBeGreaterThan(100);
  });
});
