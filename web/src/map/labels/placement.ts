import type { Position } from '../basemap-types';
import { BoxGrid, MarkGrid } from './label-grids';

/** Where a label block sits around its mark, tried in this order. */
export const SIDES = ['below', 'above', 'right', 'left'] as const;
export type Side = (typeof SIDES)[number];

export interface LabelCandidate {
  id: string;
  position: Position;
  /** The block's size in pixels (value chip over name). */
  width: number;
  height: number;
  /** Higher is placed first: alarms, then abnormal values, then bad quality, then the rest. */
  priority: number;
}

/** A rectangle in pixels: in world pixels at a zoom, or relative to a mark. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PlacedLabel {
  id: string;
  side: Side;
  /** The block relative to its mark's anchor, in pixels (y down). */
  offset: Box;
}

/** Space kept clear between a mark's centre and its label, and around every mark. */
const MARK_GAP = 16;
const MARK_SIZE = 24;

/** Web Mercator world pixels at a zoom (512 px tiles, as deck.gl), y down. */
export function worldPixels([lon, lat]: Position, zoom: number): [number, number] {
  const scale = 512 * 2 ** zoom;
  const sin = Math.sin((lat * Math.PI) / 180);
  return [((lon + 180) / 360) * scale, (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * scale];
}

export function offsetOf(side: Side, width: number, height: number): Box {
  switch (side) {
    case 'below':
      return { x: -width / 2, y: MARK_GAP, width, height };
    case 'above':
      return { x: -width / 2, y: -MARK_GAP - height, width, height };
    case 'right':
      return { x: MARK_GAP, y: -height / 2, width, height };
    case 'left':
      return { x: -MARK_GAP - width, y: -height / 2, width, height };
  }
}

export { overlaps } from './label-grids';

/** Ids in code-unit order: stable between runs, and cheap where 10,000 labels are sorted. */
const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Greedy label placement at one zoom: the most important label first, each on the first side of its
 * mark where it covers neither a placed label nor any mark; a label with no free side is left out
 * (its mark stays, and the side panel still lists it). Panning keeps the result (it depends only on
 * zoom), so it runs when the zoom, the features or their importance change, not every frame.
 */
export function placeLabels(candidates: readonly LabelCandidate[], zoom: number): PlacedLabel[] {
  const labels = new BoxGrid();
  const marks = new MarkGrid(MARK_SIZE);
  const anchors = new Map(
    candidates.map((candidate) => [candidate.id, worldPixels(candidate.position, zoom)]),
  );
  for (const [x, y] of anchors.values()) marks.add(x, y);
  const placed: PlacedLabel[] = [];
  const ordered = [...candidates].sort((a, b) => b.priority - a.priority || byId(a.id, b.id));
  for (const candidate of ordered) {
    const [x, y] = anchors.get(candidate.id) ?? [0, 0];
    for (const side of SIDES) {
      const offset = offsetOf(side, candidate.width, candidate.height);
      const box = { ...offset, x: x + offset.x, y: y + offset.y };
      if (marks.covers(box) || !labels.fits(box)) continue;
      labels.add(box);
      placed.push({ id: candidate.id, side, offset });
      break;
    }
  }
  return placed;
}
