import { BIT_TABLES, type Point, registerCount } from '@city/hardware/profiles';
import type { ModbusTable } from './client';

/** Modbus caps one read at 125 registers (function 3/4) and 2,000 bits (function 1/2). */
const MAX_WORDS_PER_READ = 125;
const MAX_BITS_PER_READ = 2000;
/** Reading a few unused registers costs less than another round trip. */
const MAX_GAP = 8;

export interface BlockRead<P extends Pick<Point, 'table' | 'address' | 'type'>> {
  table: ModbusTable;
  address: number;
  count: number;
  /** Each point with its offset into the block. */
  points: { point: P; offset: number }[];
}

/** Coalesces points into as few block reads as possible, per table, without crossing the protocol limits. */
export function planBlockReads<P extends Pick<Point, 'table' | 'address' | 'type'>>(
  points: readonly P[],
): BlockRead<P>[] {
  const blocks: BlockRead<P>[] = [];
  const byTable = new Map<ModbusTable, P[]>();
  for (const point of points) byTable.set(point.table, [...(byTable.get(point.table) ?? []), point]);
  for (const [table, tablePoints] of byTable) {
    const limit = BIT_TABLES.includes(table) ? MAX_BITS_PER_READ : MAX_WORDS_PER_READ;
    const sorted = [...tablePoints].sort((a, b) => a.address - b.address);
    let current: BlockRead<P> | undefined;
    for (const point of sorted) {
      const end = point.address + registerCount(point);
      const fits =
        current !== undefined &&
        point.address <= current.address + current.count + MAX_GAP &&
        end - current.address <= limit;
      if (current && fits) {
        current.count = Math.max(current.count, end - current.address);
        current.points.push({ point, offset: point.address - current.address });
      } else {
        current = {
          table,
          address: point.address,
          count: end - point.address,
          points: [{ point, offset: 0 }],
        };
        blocks.push(current);
      }
    }
  }
  return blocks;
}
