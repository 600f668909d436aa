import { HardwareError } from '../lib/errors';

/**
 * Register codec shared by the simulators (encode) and the gateway (decode), so both sides read
 * the same bytes the same way. Pure functions: engineering value <-> 16-bit Modbus words.
 */
export const DATA_TYPES = [
  'bool',
  'int16',
  'uint16',
  'int32',
  'uint32',
  'float32',
  'float64',
  'bitfield',
  'enum',
] as const;
export type DataType = (typeof DATA_TYPES)[number];

/**
 * Types whose value is a raw uint16 word with a meaning per bit (bitfield) or per value (enum).
 * They decode to the raw word; the profile names the bits and values (see labels.ts).
 */
export const WORD_TYPES: readonly DataType[] = ['bitfield', 'enum'];

/** big = most significant word first (ABCD); little = least significant word first (CDAB). */
export const WORD_ORDERS = ['big', 'little'] as const;
export type WordOrder = (typeof WORD_ORDERS)[number];

/** What the codec needs to know about a point; a profile Point fits it. */
export interface PointEncoding {
  type: DataType;
  wordOrder: WordOrder;
  /** engineering = raw * scale + offset */
  scale: number;
  offset: number;
}

/** What to do with a value outside what the raw type can hold. */
export type OverflowPolicy = 'reject' | 'clamp';

const WORDS_PER_TYPE: Record<DataType, number> = {
  bool: 1,
  int16: 1,
  uint16: 1,
  int32: 2,
  uint32: 2,
  float32: 2,
  float64: 4,
  bitfield: 1,
  enum: 1,
};

const FLOAT32_MAX = 3.4028234663852886e38;

const RAW_RANGE: Record<DataType, readonly [number, number]> = {
  bool: [0, 1],
  int16: [-0x8000, 0x7fff],
  uint16: [0, 0xffff],
  int32: [-0x8000_0000, 0x7fff_ffff],
  uint32: [0, 0xffff_ffff],
  float32: [-FLOAT32_MAX, FLOAT32_MAX],
  float64: [-Number.MAX_VALUE, Number.MAX_VALUE],
  bitfield: [0, 0xffff],
  enum: [0, 0xffff],
};

/** Number of 16-bit registers (or bits, for coils and discrete inputs) a point occupies. */
export function registerCount(point: Pick<PointEncoding, 'type'>): number {
  return WORDS_PER_TYPE[point.type];
}

export function isIntegerType(type: DataType): boolean {
  return type !== 'float32' && type !== 'float64';
}

export function rawRange(type: DataType): readonly [number, number] {
  return RAW_RANGE[type];
}

/** The engineering values a point can represent, [min, max]. */
export function engineeringRange(point: PointEncoding): [number, number] {
  if (point.type === 'bool') return [0, 1];
  const [rawMin, rawMax] = RAW_RANGE[point.type];
  const a = toEngineering(point, rawMin);
  const b = toEngineering(point, rawMax);
  return a <= b ? [a, b] : [b, a];
}

/**
 * Engineering value -> register words. Integer types round to the nearest raw step. A value that
 * does not fit the raw type is rejected (throws) or, with overflow 'clamp', held at the limit.
 */
export function encodePoint(
  point: PointEncoding,
  value: number,
  overflow: OverflowPolicy = 'reject',
): number[] {
  if (!Number.isFinite(value)) {
    throw new HardwareError('CITY_HW_VALUE_NOT_ENCODABLE', `${value} is not a finite number`);
  }
  if (point.type === 'bool') {
    if (value !== 0 && value !== 1 && overflow === 'reject') {
      throw new HardwareError('CITY_HW_VALUE_NOT_ENCODABLE', `a bool point takes 0 or 1 (got ${value})`);
    }
    return [value === 0 ? 0 : 1];
  }
  const [rawMin, rawMax] = RAW_RANGE[point.type];
  let raw = (value - point.offset) / point.scale;
  if (isIntegerType(point.type)) raw = Math.round(raw);
  else if (point.type === 'float32') raw = Math.fround(raw);
  if (!(raw >= rawMin && raw <= rawMax)) {
    if (overflow === 'reject') {
      const [min, max] = engineeringRange(point);
      throw new HardwareError(
        'CITY_HW_VALUE_NOT_ENCODABLE',
        `${value} does not fit ${describeEncoding(point)} (representable ${min}..${max})`,
      );
    }
    raw = raw > rawMax || Number.isNaN(raw) ? rawMax : rawMin;
  }
  const view = new DataView(new ArrayBuffer(8));
  switch (point.type) {
    case 'int16':
      view.setInt16(0, raw);
      break;
    case 'uint16':
    case 'bitfield':
    case 'enum':
      view.setUint16(0, raw);
      break;
    case 'int32':
      view.setInt32(0, raw);
      break;
    case 'uint32':
      view.setUint32(0, raw);
      break;
    case 'float32':
      view.setFloat32(0, raw);
      break;
    case 'float64':
      view.setFloat64(0, raw);
      break;
  }
  const words = Array.from({ length: WORDS_PER_TYPE[point.type] }, (_, i) => view.getUint16(i * 2));
  return point.wordOrder === 'little' ? words.reverse() : words;
}

/** Register words -> engineering value. Throws when the words cannot be a reading of this point. */
export function decodePoint(point: PointEncoding, words: readonly number[]): number {
  const count = WORDS_PER_TYPE[point.type];
  if (words.length !== count) {
    throw new HardwareError(
      'CITY_HW_BAD_REGISTER_WORDS',
      `${point.type} needs ${count} register${count === 1 ? '' : 's'}, got ${words.length}`,
    );
  }
  for (const word of words) {
    if (!Number.isInteger(word) || word < 0 || word > 0xffff) {
      throw new HardwareError('CITY_HW_BAD_REGISTER_WORDS', `${word} is not a 16-bit register word`);
    }
  }
  if (point.type === 'bool') return words[0] === 0 ? 0 : 1;
  const ordered = point.wordOrder === 'little' ? [...words].reverse() : words;
  const view = new DataView(new ArrayBuffer(8));
  ordered.forEach((word, i) => {
    view.setUint16(i * 2, word);
  });
  const raw = readRaw(view, point.type);
  return toEngineering(point, raw);
}

function readRaw(view: DataView, type: Exclude<DataType, 'bool'>): number {
  switch (type) {
    case 'int16':
      return view.getInt16(0);
    case 'uint16':
    case 'bitfield':
    case 'enum':
      return view.getUint16(0);
    case 'int32':
      return view.getInt32(0);
    case 'uint32':
      return view.getUint32(0);
    case 'float32':
      return view.getFloat32(0);
    case 'float64':
      return view.getFloat64(0);
  }
}

/**
 * Scales like 0.1 are not exact in binary, so 3 * 0.1 gives 0.30000000000000004; dividing by the
 * exact inverse (10) gives 0.3, which is what the device meant.
 */
function toEngineering(point: PointEncoding, raw: number): number {
  const inverse = 1 / point.scale;
  const scaled = Number.isInteger(inverse) ? raw / inverse : raw * point.scale;
  return scaled + point.offset;
}

function describeEncoding(point: PointEncoding): string {
  const scaling = [
    point.scale !== 1 ? `scale ${point.scale}` : '',
    point.offset !== 0 ? `offset ${point.offset}` : '',
  ].filter(Boolean);
  return scaling.length > 0 ? `${point.type} with ${scaling.join(' and ')}` : point.type;
}
