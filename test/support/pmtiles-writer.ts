import { zxyToTileId } from 'pmtiles';

/**
 * Writes a PMTiles v3 archive (github.com/protomaps/PMTiles, spec/v3): a header, one root directory,
 * the metadata and the tiles, uncompressed. Enough for a test's small vector archive; a city makes
 * its real one with tippecanoe or the pmtiles CLI.
 */
export interface ArchiveTile {
  z: number;
  x: number;
  y: number;
  data: Uint8Array;
}

export interface ArchiveOptions {
  bounds: [west: number, south: number, east: number, north: number];
  center: [lon: number, lat: number, zoom: number];
  metadata: Record<string, unknown>;
}

const HEADER_BYTES = 127;
const COMPRESSION_NONE = 1;
const TILE_TYPE_MVT = 1;

function varints(values: number[]): number[] {
  const bytes: number[] = [];
  for (let value of values) {
    while (value >= 0x80) {
      bytes.push((value % 0x80) | 0x80);
      value = Math.floor(value / 0x80);
    }
    bytes.push(value);
  }
  return bytes;
}

/** The directory: count, id deltas, run lengths, lengths, offsets (0 = straight after the previous tile). */
function directory(entries: Array<{ tileId: number; offset: number; length: number }>): Buffer {
  const offsets = entries.map((entry, i) => {
    const previous = entries[i - 1];
    return previous && entry.offset === previous.offset + previous.length ? 0 : entry.offset + 1;
  });
  return Buffer.from(
    varints([
      entries.length,
      ...entries.map((entry, i) => entry.tileId - (entries[i - 1]?.tileId ?? 0)),
      ...entries.map(() => 1),
      ...entries.map((entry) => entry.length),
      ...offsets,
    ]),
  );
}

export function writePmtiles(tiles: ArchiveTile[], options: ArchiveOptions): Buffer {
  const sorted = tiles
    .map((tile) => ({ ...tile, tileId: zxyToTileId(tile.z, tile.x, tile.y) }))
    .sort((a, b) => a.tileId - b.tileId);
  let offset = 0;
  const entries = sorted.map((tile) => {
    const entry = { tileId: tile.tileId, offset, length: tile.data.byteLength };
    offset += tile.data.byteLength;
    return entry;
  });
  const root = directory(entries);
  const metadata = Buffer.from(JSON.stringify(options.metadata));
  const tileData = Buffer.concat(sorted.map((tile) => tile.data));
  const zooms = sorted.map((tile) => tile.z);

  const header = Buffer.alloc(HEADER_BYTES);
  header.write('PMTiles', 0, 'ascii');
  header.writeUInt8(3, 7);
  const sections = [
    [HEADER_BYTES, root.length],
    [HEADER_BYTES + root.length, metadata.length],
    [HEADER_BYTES + root.length + metadata.length, 0],
    [HEADER_BYTES + root.length + metadata.length, tileData.length],
  ];
  sections.flat().forEach((value, i) => {
    header.writeBigUInt64LE(BigInt(value), 8 + i * 8);
  });
  [sorted.length, sorted.length, sorted.length].forEach((count, i) => {
    header.writeBigUInt64LE(BigInt(count), 72 + i * 8);
  });
  header.writeUInt8(1, 96); // clustered: the tiles lie in tile-id order
  header.writeUInt8(COMPRESSION_NONE, 97);
  header.writeUInt8(COMPRESSION_NONE, 98);
  header.writeUInt8(TILE_TYPE_MVT, 99);
  header.writeUInt8(Math.min(...zooms), 100);
  header.writeUInt8(Math.max(...zooms), 101);
  const [west, south, east, north] = options.bounds;
  [west, south, east, north].forEach((degrees, i) => {
    header.writeInt32LE(Math.round(degrees * 1e7), 102 + i * 4);
  });
  const [lon, lat, zoom] = options.center;
  header.writeUInt8(zoom, 118);
  header.writeInt32LE(Math.round(lon * 1e7), 119);
  header.writeInt32LE(Math.round(lat * 1e7), 123);
  return Buffer.concat([header, root, metadata, tileData]);
}
