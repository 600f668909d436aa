import type { Position } from '../basemap-types';

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

export const overlaps = (a: Box, b: Box): boolean =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Boxes bucketed by 128 px cells, so a check looks only at its neighbours. */
class BoxGrid {
  private readonly cells = new Map<string, Box[]>();
  private static readonly CELL = 128;

  private keys(box: Box): string[] {
    const c = BoxGrid.CELL;
    const keys: string[] = [];
    for (let x = Math.floor(box.x / c); x <= Math.floor((box.x + box.width) / c); x += 1)
      for (let y = Math.floor(box.y / c); y <= Math.floor((box.y + box.height) / c); y += 1)
        keys.push(`${x}:${y}`);
    return keys;
  }

  fits(box: Box): boolean {
    return this.keys(box).every((key) => !(this.cells.get(key) ?? []).some((other) => overlaps(box, other)));
  }

  add(box: Box): void {
    for (const key of this.keys(box)) {
      const cell = this.cells.get(key);
      if (cell) cell.push(box);
      else this.cells.set(key, [box]);
    }
  }
}

/**
 * Greedy label placement at one zoom: the most important label first, each on the first side of its
 * mark where it covers neither a placed label nor any mark; a label with no free side is left out
 * (its mark stays, and the side panel still lists it). Panning keeps the result (it depends only on
 * zoom), so it runs when the zoom, the features or their importance change, not every frame.
 */
export function placeLabels(candidates: readonly LabelCandidate[], zoom: number): PlacedLabel[] {
  const grid = new BoxGrid();
  const anchors = new Map(
    candidates.map((candidate) => [candidate.id, worldPixels(candidate.position, zoom)]),
  );
  for (const [x, y] of anchors.values())
    grid.add({ x: x - MARK_SIZE / 2, y: y - MARK_SIZE / 2, width: MARK_SIZE, height: MARK_SIZE });
  const placed: PlacedLabel[] = [];
  const ordered = [...candidates].sort((a, b) => b.priority - a.priority || a.id.localeCompare(b.id));
  for (const candidate of ordered) {
    const [x, y] = anchors.get(candidate.id) ?? [0, 0];
    for (const side of SIDES) {
      const offset = offsetOf(side, candidate.width, candidate.height);
      const box = { ...offset, x: x + offset.x, y: y + offset.y };
      if (!grid.fits(box)) continue;
      grid.add(box);
      placed.push({ id: candidate.id, side, offset });
      break;
    }
  }
  return placed;
}
