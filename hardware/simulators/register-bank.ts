import { decodePoint, encodePoint, type OverflowPolicy, registerCount } from '../profiles/codec';
import { BIT_TABLES, type Point, type Profile, type RegisterTable } from '../profiles/schema';
import { ExceptionCode, ModbusException } from './modbus-exception';

/**
 * The memory of one device: one typed array per Modbus table, sized to the profile. Signal models
 * write into it once a tick and requests read from it, so a read never computes anything.
 */
export class RegisterBank {
  private readonly tables: Record<RegisterTable, Uint16Array>;

  constructor(profile: Profile) {
    const size = (table: RegisterTable) =>
      Math.max(
        0,
        ...profile.points.filter((p) => p.table === table).map((p) => p.address + registerCount(p)),
      );
    this.tables = {
      coil: new Uint16Array(size('coil')),
      'discrete-input': new Uint16Array(size('discrete-input')),
      'input-register': new Uint16Array(size('input-register')),
      'holding-register': new Uint16Array(size('holding-register')),
    };
  }

  /** Raw words (or 0/1 for bit tables); addresses past the profile's map are an illegal address. */
  read(table: RegisterTable, address: number, count: number): number[] {
    const words = this.tables[table];
    if (count < 1 || address + count > words.length) {
      throw new ModbusException(
        ExceptionCode.IllegalDataAddress,
        `${table} ${address}..${address + count - 1} is outside 0..${words.length - 1}`,
      );
    }
    return Array.from(words.subarray(address, address + count));
  }

  write(table: RegisterTable, address: number, words: readonly number[]): void {
    const target = this.tables[table];
    if (address + words.length > target.length) {
      throw new ModbusException(ExceptionCode.IllegalDataAddress, `${table} ${address} is outside the map`);
    }
    const isBits = BIT_TABLES.includes(table);
    target.set(
      words.map((word) => (isBits ? (word ? 1 : 0) : word)),
      address,
    );
  }

  readPoint(point: Point): number {
    return decodePoint(point, this.read(point.table, point.address, registerCount(point)));
  }

  writePoint(point: Point, value: number, overflow: OverflowPolicy): void {
    this.write(point.table, point.address, encodePoint(point, value, overflow));
  }
}
