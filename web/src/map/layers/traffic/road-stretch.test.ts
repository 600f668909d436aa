import { describe, expect, it } from 'vitest';
import { roadCentres, roadStretch } from './road-stretch';

describe('the road stretch drawn for a loop detector on the A10 ring', () => {
  const centres = roadCentres([
    { road: 'A10', position: [4.9, 52.4] },
    { road: 'A10', position: [4.9, 52.3] },
    { road: 'Stadhouderskade', position: [4.89, 52.36] },
  ]);

  it('runs around the ring: a detector north of the centre gets an east–west stretch', () => {
    const [from, to] = roadStretch([4.9, 52.4], centres.get('A10') ?? null);
    expect(from?.[1]).toBeCloseTo(52.4, 6);
    expect(to?.[1]).toBeCloseTo(52.4, 6);
    expect(Math.abs((to?.[0] ?? 0) - (from?.[0] ?? 0))).toBeGreaterThan(0.01);
  });

  it('a detector east of the centre gets a north–south stretch about 900 m long', () => {
    const [from, to] = roadStretch([5.0, 52.35], [4.9, 52.35]);
    expect(from?.[0]).toBeCloseTo(5.0, 6);
    expect(((to?.[1] ?? 0) - (from?.[1] ?? 0)) * 111_320).toBeCloseTo(900, 0);
  });

  it('has no centre for a road with one detector', () => {
    expect(centres.has('Stadhouderskade')).toBe(false);
    expect(centres.get('A10')).toEqual([4.9, expect.closeTo(52.35, 6)]);
  });
});
