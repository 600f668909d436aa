import { describe, expect, it } from 'vitest';
import {
  DATA_TYPES,
  type DataType,
  decodePoint,
  encodePoint,
  engineeringRange,
  type PointEncoding,
  registerCount,
  WORD_ORDERS,
  type WordOrder,
} from './codec';

const plain = (type: DataType, wordOrder: WordOrder = 'big'): PointEncoding => ({
  type,
  wordOrder,
  scale: 1,
  offset: 0,
});

const samples: Record<DataType, number[]> = {
  bool: [0, 1],
  int16: [-32768, -1, 0, 1, 12345, 32767],
  uint16: [0, 1, 40000, 65535],
  int32: [-2147483648, -70000, -1, 0, 70000, 2147483647],
  uint32: [0, 1, 65536, 305419896, 4294967295],
  float32: [0, -1.5, 23.25, 1e-20, 3.0e38],
  float64: [0, -1.5, Math.PI, 1e-300, 1.7e308],
  bitfield: [0, 0b101, 0x8000, 0xffff],
  enum: [0, 1, 2, 65535],
};

describe('register codec', () => {
  it('knows how many registers each type occupies', () => {
    expect(DATA_TYPES.map((type) => [type, registerCount({ type })])).toEqual([
      ['bool', 1],
      ['int16', 1],
      ['uint16', 1],
      ['int32', 2],
      ['uint32', 2],
      ['float32', 2],
      ['float64', 4],
      ['bitfield', 1],
      ['enum', 1],
    ]);
  });

  for (const type of DATA_TYPES) {
    for (const wordOrder of WORD_ORDERS) {
      it(`round-trips ${type} in ${wordOrder} word order`, () => {
        const point = plain(type, wordOrder);
        for (const value of samples[type]) {
          const words = encodePoint(point, value);
          expect(words).toHaveLength(registerCount(point));
          for (const word of words)
            expect(word).toSatisfy((w: number) => Number.isInteger(w) && w >= 0 && w <= 0xffff);
          const expected = type === 'float32' ? Math.fround(value) : value;
          expect(decodePoint(point, words)).toBe(expected);
        }
      });
    }
  }

  it('puts the most significant word first in big order (ABCD) and last in little order (CDAB)', () => {
    expect(encodePoint(plain('uint32'), 0x12345678)).toEqual([0x1234, 0x5678]);
    expect(encodePoint(plain('uint32', 'little'), 0x12345678)).toEqual([0x5678, 0x1234]);
    expect(encodePoint(plain('float32'), 1)).toEqual([0x3f80, 0x0000]);
    expect(encodePoint(plain('float32', 'little'), 1)).toEqual([0x0000, 0x3f80]);
    expect(encodePoint(plain('int32'), -2)).toEqual([0xffff, 0xfffe]);
    expect(encodePoint(plain('float64'), 1)).toEqual([0x3ff0, 0, 0, 0]);
    expect(encodePoint(plain('float64', 'little'), 1)).toEqual([0, 0, 0, 0x3ff0]);
    expect(encodePoint(plain('int16'), -1)).toEqual([0xffff]);
  });

  it('keeps bitfield and enum words raw, so a reading is still one number', () => {
    expect(encodePoint(plain('bitfield'), 0b1001)).toEqual([9]);
    expect(decodePoint(plain('bitfield'), [0x8001])).toBe(0x8001);
    expect(decodePoint(plain('enum'), [2])).toBe(2);
    expect(engineeringRange(plain('enum'))).toEqual([0, 65535]);
    expect(() => encodePoint(plain('bitfield'), 0x10000)).toThrow(/does not fit bitfield/);
  });

  it('applies scale and offset: engineering = raw * scale + offset', () => {
    const temperature: PointEncoding = { type: 'int16', wordOrder: 'big', scale: 0.1, offset: -40 };
    expect(encodePoint(temperature, 21.5)).toEqual([615]);
    expect(decodePoint(temperature, [615])).toBeCloseTo(21.5, 10);
    const speed: PointEncoding = { type: 'int16', wordOrder: 'big', scale: 0.1, offset: 0 };
    expect(decodePoint(speed, [3])).toBe(0.3);
    expect(decodePoint(speed, encodePoint(speed, 87.44))).toBe(87.4);
    expect(decodePoint(speed, encodePoint(speed, -12.3))).toBe(-12.3);
    const scaledFloat: PointEncoding = { type: 'float32', wordOrder: 'little', scale: 2, offset: 1 };
    expect(decodePoint(scaledFloat, encodePoint(scaledFloat, 101))).toBe(101);
  });

  it('rejects values the raw type cannot hold, and says what it can hold', () => {
    expect(() => encodePoint(plain('uint16'), -1)).toThrow(
      /-1 does not fit uint16 \(representable 0\.\.65535\)/,
    );
    expect(() => encodePoint(plain('uint16'), 65536)).toThrow(/CITY_HW_VALUE_NOT_ENCODABLE/);
    const speed: PointEncoding = { type: 'int16', wordOrder: 'big', scale: 0.1, offset: 0 };
    expect(() => encodePoint(speed, 4000)).toThrow(
      /int16 with scale 0\.1 \(representable -3276\.8\.\.3276\.7\)/,
    );
    expect(() => encodePoint(plain('float32'), 1e39)).toThrow(/does not fit float32/);
    expect(() => encodePoint(plain('float64'), Number.NaN)).toThrow(/not a finite number/);
    expect(() => encodePoint(plain('bool'), 2)).toThrow(/takes 0 or 1/);
  });

  it('clamps to the nearest representable value when asked to', () => {
    const speed: PointEncoding = { type: 'int16', wordOrder: 'big', scale: 0.1, offset: 0 };
    expect(decodePoint(speed, encodePoint(speed, 4000, 'clamp'))).toBe(3276.7);
    expect(decodePoint(speed, encodePoint(speed, -4000, 'clamp'))).toBe(-3276.8);
    expect(encodePoint(plain('uint16'), -5, 'clamp')).toEqual([0]);
    expect(encodePoint(plain('uint32'), 1e12, 'clamp')).toEqual([0xffff, 0xffff]);
  });

  it('refuses words that cannot be a reading of the point', () => {
    expect(() => decodePoint(plain('float32'), [0x3f80])).toThrow(/float32 needs 2 registers, got 1/);
    expect(() => decodePoint(plain('uint16'), [70000])).toThrow(/not a 16-bit register word/);
    expect(() => decodePoint(plain('uint16'), [1.5])).toThrow(/CITY_HW_BAD_REGISTER_WORDS/);
  });

  it('reports the engineering range, also for a negative scale', () => {
    expect(engineeringRange({ type: 'uint16', wordOrder: 'big', scale: 0.1, offset: 0 })).toEqual([
      0, 6553.5,
    ]);
    expect(engineeringRange({ type: 'uint16', wordOrder: 'big', scale: -1, offset: 10 })).toEqual([
      -65525, 10,
    ]);
  });
});
