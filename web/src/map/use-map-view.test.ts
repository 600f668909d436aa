import { describe, expect, it } from 'vitest';
import { fittedZoom } from './use-map-view';
import { INITIAL_VIEW_STATE } from './view';

/** A station's distance from the map's centre, in px, at `zoom`, given its distance at the start view. */
const offsetAt = (offsetAtStart: number, zoom: number) =>
  offsetAtStart * 2 ** (zoom - INITIAL_VIEW_STATE.zoom);

describe('the zoom a map first shows the city at', () => {
  it('is the start view on a map 1350 px wide, the width that view was made for', () => {
    expect(fittedZoom(1350)).toBeCloseTo(INITIAL_VIEW_STATE.zoom, 6);
  });

  it("keeps a label's room beside a station at the city's edge on a tablet and a desk", () => {
    // The westernmost station sits 90 px inside a 1350 px map's left edge: 585 px from its centre.
    const edgeStation = 1350 / 2 - 90;
    for (const width of [800, 920, 1100]) {
      const offset = offsetAt(edgeStation, fittedZoom(width));
      expect(width / 2 - offset).toBeGreaterThanOrEqual(90 - 1e-6);
    }
  });

  it('stays between the overview and a street view however odd the width', () => {
    expect(fittedZoom(4000)).toBe(12.5);
    expect(fittedZoom(120)).toBe(INITIAL_VIEW_STATE.minZoom);
    expect(fittedZoom(300)).toBe(INITIAL_VIEW_STATE.minZoom);
  });
});
