import { describe, expect, it } from 'vitest';
import { type LabelCandidate, offsetOf, overlaps, placeLabels, SIDES, worldPixels } from './placement';

const label = (id: string, lon: number, lat: number, priority = 0): LabelCandidate => ({
  id,
  position: [lon, lat],
  width: 240,
  height: 44,
  priority,
});

/** The placed blocks in world pixels, as they would be drawn at that zoom. */
function drawnBoxes(candidates: LabelCandidate[], zoom: number) {
  const byId = new Map(candidates.map((candidate) => [candidate.id, candidate]));
  return placeLabels(candidates, zoom).map((placed) => {
    const [x, y] = worldPixels(byId.get(placed.id)?.position ?? [0, 0], zoom);
    return { ...placed.offset, x: x + placed.offset.x, y: y + placed.offset.y };
  });
}

describe('labels on the city map never overlap', () => {
  // The A10 Oost carriageways: two detectors 40 m apart, whose labels used to print on each other.
  const a10Oost = [
    label('loop-a10-oost-hrl', 4.947002, 52.338243),
    label('loop-a10-oost', 4.94671, 52.338556),
  ];

  it('puts the two A10 Oost carriageways on different sides of their marks at the city-wide zoom', () => {
    const placed = placeLabels(a10Oost, 11.5);
    expect(placed).toHaveLength(2);
    expect(new Set(placed.map((p) => p.side)).size).toBe(2);
    const [a, b] = drawnBoxes(a10Oost, 11.5);
    expect(a && b && overlaps(a, b)).toBe(false);
  });

  it('leaves out what does not fit rather than overprinting, keeping the most important label', () => {
    const crowd = Array.from({ length: 30 }, (_, i) =>
      label(`loop-${i}`, 4.9 + i * 0.0001, 52.35, i === 17 ? 5 : 0),
    );
    const placed = placeLabels(crowd, 11.5);
    expect(placed.length).toBeLessThan(crowd.length);
    expect(placed.map((p) => p.id)).toContain('loop-17');
    const boxes = drawnBoxes(crowd, 11.5);
    for (const [i, a] of boxes.entries())
      for (const b of boxes.slice(i + 1)) expect(overlaps(a, b), 'two placed labels overlap').toBe(false);
  });

  it('gives every label its place once zoomed in far enough', () => {
    expect(placeLabels(a10Oost, 17).map((p) => p.side)).toEqual(['below', 'below']);
  });
});

describe('label placement in a crowded city', () => {
  /** The same greedy rule, checked against every mark and label: slow, plain, and the reference. */
  function placeByComparingAll(candidates: LabelCandidate[], zoom: number) {
    const marks = candidates.map((c) => {
      const [x, y] = worldPixels(c.position, zoom);
      return { x: x - 12, y: y - 12, width: 24, height: 24 };
    });
    const placed: { id: string; side: string }[] = [];
    const boxes: { x: number; y: number; width: number; height: number }[] = [];
    const ordered = [...candidates].sort((a, b) => b.priority - a.priority || (a.id < b.id ? -1 : 1));
    for (const candidate of ordered) {
      const [x, y] = worldPixels(candidate.position, zoom);
      for (const side of SIDES) {
        const offset = offsetOf(side, candidate.width, candidate.height);
        const box = { ...offset, x: x + offset.x, y: y + offset.y };
        if (marks.some((mark) => overlaps(box, mark)) || boxes.some((other) => overlaps(box, other)))
          continue;
        boxes.push(box);
        placed.push({ id: candidate.id, side });
        break;
      }
    }
    return placed;
  }

  it('places exactly what a check against every mark and label would, among 1,500 stations', () => {
    // A fixed pseudo-random scatter: dense in the centre, sparse at the edges, some on one spot.
    let seed = 7;
    const next = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    const crowd = Array.from({ length: 1_500 }, (_, i) => {
      const spread = i % 3 === 0 ? 0.02 : 0.15;
      return {
        ...label(
          `st-${i}`,
          4.9 + (next() - 0.5) * spread,
          52.36 + (next() - 0.5) * spread * 0.6,
          i % 50 === 0 ? 3 : 0,
        ),
        width: 60 + Math.round(next() * 120),
      };
    });
    for (const zoom of [10, 12, 14, 16]) {
      const fast = placeLabels(crowd, zoom).map(({ id, side }) => ({ id, side }));
      expect(fast.length, `labels placed at zoom ${zoom}`).toBeGreaterThan(10);
      expect(fast).toEqual(placeByComparingAll(crowd, zoom));
    }
  });
});
