/**
 * Converts the Amsterdam area polygons in /work/shared/data/ams-basemap-areas into the small base-map
 * files the control room draws itself (no tile server, no internet): land, districts (stadsdelen)
 * with label points, and areas (gebieden). Simplifies with turf (≈20 m) and rounds to 5 decimals (≈1 m).
 *
 *   npm run basemap -w @city/web [-- <source dir>]
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import simplify from '@turf/simplify';
import type { BasemapFeature, BasemapFeatureCollection, Position, Ring } from '../src/map/basemap-types';

const SOURCE_DIR = process.argv[2] ?? '/work/shared/data/ams-basemap-areas';
const OUT_DIR = fileURLToPath(new URL('../public/basemap/', import.meta.url));
const TOLERANCE_DEGREES = 0.0002;
/** Drawn and labelled, but dimmer: they are neighbouring municipalities, not Amsterdam districts. */
const NEIGHBOURS = new Set(['Diemen', 'Ouder-Amstel']);

interface SourceFeature {
  properties: { name?: string };
  geometry: { type: 'Polygon'; coordinates: Ring[] };
}

function readSource(file: string): SourceFeature[] {
  const path = join(SOURCE_DIR, file);
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as { features?: SourceFeature[] };
  if (!Array.isArray(parsed.features)) throw new Error(`${path}: expected a GeoJSON FeatureCollection`);
  return parsed.features.filter((feature) => feature.geometry?.type === 'Polygon');
}

const round = (n: number) => Math.round(n * 1e5) / 1e5;

function cleanPolygon(rings: Ring[]): Ring[] | null {
  const simplified = simplify(
    { type: 'Polygon', coordinates: rings },
    { tolerance: TOLERANCE_DEGREES, highQuality: true },
  ) as { coordinates: Ring[] };
  const [outer, ...holes] = simplified.coordinates.map((ring) =>
    dedupe(ring.map(([lon, lat]) => [round(lon ?? 0), round(lat ?? 0)] as Position)),
  );
  // An island smaller than the tolerance collapses; drop it rather than draw a sliver.
  if (!outer || outer.length < 4) return null;
  return [outer, ...holes.filter((hole) => hole.length >= 4)];
}

function dedupe(ring: Position[]): Position[] {
  return ring.filter((point, i) => i === 0 || point[0] !== ring[i - 1]?.[0] || point[1] !== ring[i - 1]?.[1]);
}

/** "Noord (2)" is the second part of Noord: parts of one district become one MultiPolygon. */
const baseName = (name: string) => name.replace(/\s*\(\d+\)$/, '');

function ringArea(ring: Ring): number {
  let sum = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const [x1 = 0, y1 = 0] = ring[i] ?? [];
    const [x2 = 0, y2 = 0] = ring[i + 1] ?? [];
    sum += x1 * y2 - x2 * y1;
  }
  return Math.abs(sum / 2);
}

function insideRing([x, y]: Position, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi = 0, yi = 0] = ring[i] ?? [];
    const [xj = 0, yj = 0] = ring[j] ?? [];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function distanceToRing([x, y]: Position, ring: Ring): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < ring.length - 1; i++) {
    const [ax = 0, ay = 0] = ring[i] ?? [];
    const [bx = 0, by = 0] = ring[i + 1] ?? [];
    const dx = bx - ax;
    const dy = by - ay;
    const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy || 1)));
    best = Math.min(best, Math.hypot(x - ax - t * dx, y - ay - t * dy));
  }
  return best;
}

/** A label point well inside the largest part (a coarse pole of inaccessibility), not a centroid that may fall outside. */
function labelPoint(polygons: Ring[][]): Position {
  const largest = polygons.reduce((a, b) => (ringArea(b[0] ?? []) > ringArea(a[0] ?? []) ? b : a));
  const outer = largest[0] ?? [];
  const xs = outer.map((p) => p[0] ?? 0);
  const ys = outer.map((p) => p[1] ?? 0);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  let best: Position = [(minX + maxX) / 2, (minY + maxY) / 2];
  let bestDistance = -1;
  const steps = 40;
  for (let i = 1; i < steps; i++) {
    for (let j = 1; j < steps; j++) {
      const point: Position = [minX + ((maxX - minX) * i) / steps, minY + ((maxY - minY) * j) / steps];
      if (!insideRing(point, outer) || largest.slice(1).some((hole) => insideRing(point, hole))) continue;
      const distance = Math.min(...largest.map((ring) => distanceToRing(point, ring)));
      if (distance > bestDistance) [best, bestDistance] = [point, distance];
    }
  }
  return [round(best[0]), round(best[1])];
}

function groupByName(features: SourceFeature[], withLabels: boolean): BasemapFeature[] {
  const groups = new Map<string, Ring[][]>();
  for (const feature of features) {
    const name = baseName(feature.properties.name ?? 'unnamed');
    const polygon = cleanPolygon(feature.geometry.coordinates);
    if (polygon) groups.set(name, [...(groups.get(name) ?? []), polygon]);
  }
  return [...groups].map(([name, polygons]) => ({
    type: 'Feature',
    properties: {
      name,
      neighbour: NEIGHBOURS.has(name),
      ...(withLabels ? { label: labelPoint(polygons) } : {}),
    },
    geometry: { type: 'MultiPolygon', coordinates: polygons },
  }));
}

function write(file: string, collection: BasemapFeatureCollection): void {
  const path = join(OUT_DIR, file);
  writeFileSync(path, `${JSON.stringify(collection)}\n`);
  console.log(
    `${path}: ${collection.features.length} features, ${(statSync(path).size / 1024).toFixed(0)} KB`,
  );
}

const land = readSource('landmass.geojson')
  .map((feature) => cleanPolygon(feature.geometry.coordinates))
  .filter((polygon): polygon is Ring[] => polygon !== null);
write('land.geojson', {
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', properties: { name: 'land' }, geometry: { type: 'MultiPolygon', coordinates: land } },
  ],
});
write('districts.geojson', {
  type: 'FeatureCollection',
  features: groupByName(readSource('stadsdelen.geojson'), true),
});
write('areas.geojson', {
  type: 'FeatureCollection',
  features: groupByName(readSource('gebieden.geojson'), false),
});
