import { describe, expect, it } from 'vitest';
import type { BasemapFeature, Position } from '../basemap-types';
import type { MapFeature } from '../layers/types';
import { districtNamesUnderLabels } from './district-names';
import { offsetOf, worldPixels } from './placement';

/** Every character 10 px wide: the test reasons in whole boxes. */
const measure = (text: string) => text.length * 10;
const ZOOM = 12;
const SCALE = 512 * 2 ** ZOOM;

/** The position `dx`, `dy` world pixels (y down) from `at`: the inverse of worldPixels. */
function shifted(at: Position, dx: number, dy: number): Position {
  const [x, y] = worldPixels(at, ZOOM);
  const lon = ((x + dx) / SCALE) * 360 - 180;
  const lat = (Math.atan(Math.sinh(Math.PI * (1 - (2 * (y + dy)) / SCALE))) * 180) / Math.PI;
  return [lon, lat];
}

const district = (name: string, label: Position): BasemapFeature => ({
  type: 'Feature',
  properties: { name, label },
  geometry: { type: 'MultiPolygon', coordinates: [] },
});

/** A station's 120×48 label, placed below its mark at `position`. */
const labelBelow = (position: Position) => ({
  feature: { id: `station-${position.join(',')}`, position } as MapFeature,
  offset: offsetOf('below', 120, 48),
});

const zuidoost: Position = [4.97, 52.31];
const centrum: Position = [4.9, 52.372];

describe('districtNamesUnderLabels', () => {
  it('names the district whose name a station label covers, and only that one', () => {
    // The label hangs 16 px below its mark: a mark 20 px above the name lays the label across it.
    const covered = districtNamesUnderLabels(
      [district('Zuidoost', zuidoost), district('Centrum', centrum)],
      [labelBelow(shifted(zuidoost, 0, -20))],
      ZOOM,
      measure,
    );
    expect(covered).toEqual(['Zuidoost']);
  });

  it('keeps a name that the labels leave clear', () => {
    const aside = labelBelow(shifted(zuidoost, 400, -20));
    expect(districtNamesUnderLabels([district('Zuidoost', zuidoost)], [aside], ZOOM, measure)).toEqual([]);
  });

  it('keeps every name while no label is placed (another zoom, the first values on their way)', () => {
    expect(districtNamesUnderLabels([district('Zuidoost', zuidoost)], [], ZOOM, measure)).toEqual([]);
  });
});
