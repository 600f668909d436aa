import { describe, expect, it } from 'vitest';
import { markScale, PointBuffers, type PointStyle, TRIANGLE_AROUND_UNIT_CIRCLE } from './point-marks';
import type { MapFeature } from './types';

const feature = (id: string, position: [number, number]): MapFeature => ({
  id,
  layer: 'air',
  name: id,
  district: null,
  position,
  path: null,
  asset: null,
  channels: new Map(),
});

/** One binary attribute's numbers, as a plain array. */
const valuesOf = (data: ReturnType<PointBuffers['dataFor']>, name: string): number[] =>
  Array.from((data.attributes[name]?.value ?? []) as ArrayLike<number>);

const quiet: PointStyle = { radius: 9, lineWidth: 2, fill: [10, 20, 30, 255], line: [1, 2, 3, 255] };
const loud: PointStyle = { radius: 14, lineWidth: 4, fill: [200, 200, 200, 255], line: [9, 9, 9, 255] };

describe('PointBuffers', () => {
  const features = [feature('a', [4.9, 52.3]), feature('b', [4.8, 52.4])];

  it('packs positions once and each style per version, handing deck.gl new descriptors only when it moved', () => {
    const buffers = new PointBuffers(features);
    const first = buffers.dataFor(1, () => quiet);
    expect(first.length).toBe(2);
    expect(valuesOf(first, 'getPosition')).toEqual([4.9, 52.3, 4.8, 52.4]);
    expect(buffers.dataFor(1, () => loud)).toBe(first);
    const second = buffers.dataFor(2, (f) => (f.id === 'b' ? loud : quiet));
    expect(second).not.toBe(first);
    expect(second.attributes.getPosition).toBe(first.attributes.getPosition);
    expect(second.attributes.getFillColor).not.toBe(first.attributes.getFillColor);
    expect(valuesOf(second, 'getRadius')).toEqual([9, 14]);
    expect(valuesOf(second, 'getFillColor')).toEqual([10, 20, 30, 255, 200, 200, 200, 255]);
    expect(valuesOf(second, 'getLineWidth')).toEqual([2, 4]);
  });
});

describe('mark size by how crowded the layer is on screen', () => {
  /** A grid of n stations over Amsterdam (4.76–5.03 E, 52.30–52.42 N), as the map benchmark lays them. */
  const grid = (n: number) => {
    const side = Math.ceil(Math.sqrt(n));
    return Array.from({ length: n }, (_, i) =>
      feature(`s${i}`, [4.76 + ((i % side) / side) * 0.27, 52.3 + (Math.floor(i / side) / side) * 0.12]),
    );
  };

  it("draws a city's dozen stations full size at the city view", () => {
    expect(new PointBuffers(grid(12)).scaleAt(11.5)).toBe(1);
  });

  it('draws 10,000 stations as small dots at the city view, and full size again once zoomed in', () => {
    const crowded = new PointBuffers(grid(10_000));
    expect(crowded.scaleAt(11.5)).toBe(0.45);
    expect(crowded.scaleAt(12.5)).toBeGreaterThan(0.45);
    expect(crowded.scaleAt(12.5)).toBeLessThan(1);
    expect(crowded.scaleAt(14)).toBe(1);
  });

  it('keeps one mark, or marks at one spot, full size', () => {
    expect(markScale(0, 1, 11)).toBe(1);
    expect(new PointBuffers([feature('a', [4.9, 52.3]), feature('b', [4.9, 52.3])]).scaleAt(11)).toBe(1);
  });
});

describe('a crowded layer draws one mark where several would cover each other', () => {
  /** A grid of n stations over Amsterdam (4.76–5.03 E, 52.30–52.42 N), as the map benchmark lays them. */
  const grid = (n: number) => {
    const side = Math.ceil(Math.sqrt(n));
    return Array.from({ length: n }, (_, i) =>
      feature(`s${i}`, [4.76 + ((i % side) / side) * 0.27, 52.3 + (Math.floor(i / side) / side) * 0.12]),
    );
  };
  const crowding = (zoom: number) => ({ zoom, diameterPx: 20 });

  // At zoom 11 (the benchmark's city view on a desk) the grid's stations stand 8 × 6 px apart, and
  // their marks are 9 px wide.
  it('shows 10,000 stations at the city view with far fewer marks, each standing for the stations under it', () => {
    const stations = grid(10_000);
    const buffers = new PointBuffers(stations);
    const data = buffers.dataFor(1, () => quiet, crowding(11));
    expect(data.length).toBeLessThan(7_000);
    expect(data.length).toBeGreaterThan(2_500);
    const shown = new Set(Array.from({ length: data.length }, (_, i) => buffers.featureAt(i)?.id));
    expect(shown.size).toBe(data.length);
  });

  it('draws the abnormal station where it shares a mark with normal ones, and hovering the mark names it', () => {
    const stations = grid(10_000);
    // Last in the list, on the spot of a station that comes first: the mark is drawn for it all the same.
    const hot = feature('hot', stations[5050]?.position ?? [0, 0]);
    const buffers = new PointBuffers([...stations, hot]);
    const abnormal = { ...loud, rank: 100 };
    const data = buffers.dataFor(1, (f) => (f.id === 'hot' ? abnormal : quiet), crowding(11));
    const radii = valuesOf(data, 'getRadius');
    expect(radii.filter((radius) => radius === 14)).toHaveLength(1);
    expect(buffers.featureAt(radii.indexOf(14))?.id).toBe('hot');
    const after = buffers.dataFor(2, () => quiet, crowding(11));
    expect(valuesOf(after, 'getRadius').every((radius) => radius === 9)).toBe(true);
    expect(after.attributes.getPosition).toBe(data.attributes.getPosition);
  });

  it("draws a mark for each of a city's dozen stations, and for each of the 10,000 once zoomed in", () => {
    expect(new PointBuffers(grid(12)).dataFor(1, () => quiet, crowding(11.5)).length).toBe(12);
    expect(new PointBuffers(grid(10_000)).dataFor(1, () => quiet, crowding(14)).length).toBe(10_000);
  });
});

describe('the one triangle a mark is cut from', () => {
  const [ax = 0, ay = 0, , bx = 0, by = 0, , cx = 0, cy = 0] = TRIANGLE_AROUND_UNIT_CIRCLE;
  const edges = [
    [ax, ay, bx, by],
    [bx, by, cx, cy],
    [cx, cy, ax, ay],
  ] as const;
  /** Signed distance of (x, y) from an edge, positive on the triangle's inner side (counter-clockwise). */
  const inside = (x: number, y: number, [x0, y0, x1, y1]: readonly [number, number, number, number]) =>
    ((x1 - x0) * (y - y0) - (y1 - y0) * (x - x0)) / Math.hypot(x1 - x0, y1 - y0);

  it('holds the whole unit circle, so no mark or outline is clipped', () => {
    for (let degree = 0; degree < 360; degree += 1) {
      const angle = (degree * Math.PI) / 180;
      for (const edge of edges)
        expect(inside(Math.cos(angle), Math.sin(angle), edge)).toBeGreaterThanOrEqual(-1e-6);
    }
  });

  it('touches the circle on every side: no larger than it must be', () => {
    for (const edge of edges) expect(inside(0, 0, edge)).toBeCloseTo(1, 6);
  });
});
