import { describe, expect, it } from 'vitest';
import { type LabelCandidate, overlaps, placeLabels, worldPixels } from './placement';

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
