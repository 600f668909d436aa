/**
 * Points grouped by the screen cell they fall in at one zoom: `members` lists point indices cell by
 * cell, cell `c` holding `members[starts[c]]` up to `members[starts[c + 1]]`. Cells come in the order
 * of their first point, and points keep their order within a cell, so a grouping is the same each time.
 */
export interface MarkCells {
  members: Int32Array;
  starts: Int32Array;
}

/** A cell's key from its column and row; exact, as no map is wider than 2^27 cells. */
const cellKey = (column: number, row: number) => column * 2 ** 27 + row;

/**
 * Groups points, given as world pixels at zoom 0 (x, y per point), into square cells `cellPx` screen
 * pixels wide at `zoom`.
 */
export function groupIntoCells(world: Float64Array, zoom: number, cellPx: number): MarkCells {
  const scale = 2 ** zoom / cellPx;
  const cells = new Map<number, number[]>();
  for (let i = 0; i < world.length / 2; i += 1) {
    const key = cellKey(Math.floor((world[i * 2] ?? 0) * scale), Math.floor((world[i * 2 + 1] ?? 0) * scale));
    const cell = cells.get(key);
    if (cell) cell.push(i);
    else cells.set(key, [i]);
  }
  const members = new Int32Array(world.length / 2);
  const starts = new Int32Array(cells.size + 1);
  let at = 0;
  let cell = 0;
  for (const points of cells.values()) {
    starts[cell] = at;
    members.set(points, at);
    at += points.length;
    cell += 1;
  }
  starts[cell] = at;
  return { members, starts };
}

/** Every point in a cell of its own. */
export function cellPerPoint(count: number): MarkCells {
  return {
    members: Int32Array.from({ length: count }, (_, i) => i),
    starts: Int32Array.from({ length: count + 1 }, (_, i) => i),
  };
}
