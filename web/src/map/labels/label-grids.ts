import type { Box } from './placement';

export const overlaps = (a: Box, b: Box): boolean =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Cell keys as numbers: a cell column times this, plus its row (rows stay below it up to zoom 22). */
const ROW_SPAN = 2 ** 25;
const CELL = 32;

/** The cells a rectangle touches, as [first column, last column, first row, last row]. */
const span = (x0: number, x1: number, y0: number, y1: number) =>
  [Math.floor(x0 / CELL), Math.floor(x1 / CELL), Math.floor(y0 / CELL), Math.floor(y1 / CELL)] as const;

/** Placed label blocks bucketed by 32 px cells, so a check looks only at its neighbours. */
export class BoxGrid {
  private readonly cells = new Map<number, Box[]>();

  fits(box: Box): boolean {
    const [c0, c1, r0, r1] = span(box.x, box.x + box.width, box.y, box.y + box.height);
    for (let c = c0; c <= c1; c += 1)
      for (let r = r0; r <= r1; r += 1) {
        const cell = this.cells.get(c * ROW_SPAN + r);
        if (cell?.some((other) => overlaps(box, other))) return false;
      }
    return true;
  }

  add(box: Box): void {
    const [c0, c1, r0, r1] = span(box.x, box.x + box.width, box.y, box.y + box.height);
    for (let c = c0; c <= c1; c += 1)
      for (let r = r0; r <= r1; r += 1) {
        const key = c * ROW_SPAN + r;
        const cell = this.cells.get(key);
        if (cell) cell.push(box);
        else this.cells.set(key, [box]);
      }
  }
}

/**
 * The marks, as their centres bucketed by 32 px cells. A block covers a square mark exactly when the
 * mark's centre lies inside the block grown by half a mark, so a cell wholly inside that grown block
 * answers by being non-empty: where 10,000 stations crowd the city-wide view, a check costs a few cell
 * lookups instead of comparing against every mark around.
 */
export class MarkGrid {
  private readonly cells = new Map<number, number[]>();

  constructor(private readonly markSize: number) {}

  add(x: number, y: number): void {
    const key = Math.floor(x / CELL) * ROW_SPAN + Math.floor(y / CELL);
    const cell = this.cells.get(key);
    if (cell) cell.push(x, y);
    else this.cells.set(key, [x, y]);
  }

  /** Whether the block overlaps any mark (touching edges do not count, as in `overlaps`). */
  covers(box: Box): boolean {
    const half = this.markSize / 2;
    const x0 = box.x - half;
    const x1 = box.x + box.width + half;
    const y0 = box.y - half;
    const y1 = box.y + box.height + half;
    const [c0, c1, r0, r1] = span(x0, x1, y0, y1);
    for (let c = c0; c <= c1; c += 1)
      for (let r = r0; r <= r1; r += 1) {
        const cell = this.cells.get(c * ROW_SPAN + r);
        if (!cell) continue;
        const inside = c * CELL > x0 && (c + 1) * CELL <= x1 && r * CELL > y0 && (r + 1) * CELL <= y1;
        if (inside) return true;
        for (let i = 0; i < cell.length; i += 2) {
          const px = cell[i] as number;
          const py = cell[i + 1] as number;
          if (px > x0 && px < x1 && py > y0 && py < y1) return true;
        }
      }
    return false;
  }
}
