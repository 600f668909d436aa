import { describe, expect, it } from 'vitest';
import { cellPerPoint, groupIntoCells } from './mark-cells';

/** The points of each cell, as lists. */
const cellsOf = ({ members, starts }: ReturnType<typeof groupIntoCells>) =>
  Array.from({ length: starts.length - 1 }, (_, c) => Array.from(members.slice(starts[c], starts[c + 1])));

describe('points grouped by screen cell', () => {
  // World pixels at zoom 0; at zoom 3 they are 8 times as far apart on screen.
  const world = new Float64Array([1, 1, 1.5, 1.2, 3, 1, 1.1, 1.4, 3.2, 1.1]);

  it('puts points within one cell together, in their first point order', () => {
    expect(cellsOf(groupIntoCells(world, 3, 8))).toEqual([
      [0, 1, 3],
      [2, 4],
    ]);
  });

  it('separates them once the cells are smaller on screen than their spacing', () => {
    expect(cellsOf(groupIntoCells(world, 3, 1))).toHaveLength(5);
  });

  it('gives every point a cell of its own when asked', () => {
    expect(cellsOf(cellPerPoint(3))).toEqual([[0], [1], [2]]);
  });
});
