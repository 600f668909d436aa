import type { Point } from '@city/hardware/profiles';
import { describe, expect, it } from 'vitest';
import { planBlockReads } from './plan';

type P = Pick<Point, 'table' | 'address' | 'type'>;
const at = (address: number, type: P['type'] = 'uint16', table: P['table'] = 'input-register'): P => ({
  table,
  address,
  type,
});

describe('block read planning', () => {
  it('reads neighbouring registers of a table in one request', () => {
    const blocks = planBlockReads([at(4, 'float32'), at(0, 'float32'), at(2, 'float32'), at(6)]);
    expect(blocks).toHaveLength(1);
    expect(blocks[0]).toMatchObject({ table: 'input-register', address: 0, count: 7 });
    expect(blocks[0]?.points.map((p) => p.offset)).toEqual([0, 2, 4, 6]);
  });

  it('splits by table, by large gaps and at the 125-register limit', () => {
    const blocks = planBlockReads([
      at(0),
      at(1, 'uint16', 'holding-register'),
      at(100),
      at(105, 'float64'),
      at(300),
    ]);
    expect(blocks.map((b) => [b.table, b.address, b.count])).toEqual([
      ['input-register', 0, 1],
      ['input-register', 100, 9],
      ['input-register', 300, 1],
      ['holding-register', 1, 1],
    ]);
    const long = planBlockReads(Array.from({ length: 200 }, (_, i) => at(i)));
    expect(long.map((b) => b.count)).toEqual([125, 75]);
  });
});
