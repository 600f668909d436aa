import { HardwareError } from '../lib/errors';
import type { Point } from './schema';

/**
 * The names a profile gives to the bits of a bitfield and the values of an enum. The codec keeps
 * such words raw (a number, as every reading is); these helpers translate for people and models.
 */
type LabelledPoint = Pick<Point, 'name' | 'type' | 'bits' | 'values'>;

/** Names of the bits set in a bitfield word, lowest bit first; a set bit the profile does not name reads "bit<n>". */
export function setBitNames(point: LabelledPoint, word: number): string[] {
  const names: string[] = [];
  for (let bit = 0; bit < 16; bit++) {
    if ((word >> bit) & 1) names.push(point.bits?.[String(bit)] ?? `bit${bit}`);
  }
  return names;
}

/** The word with exactly the named bits set; names the profile does not know are left out. */
export function wordWithBits(point: LabelledPoint, names: Iterable<string>): number {
  const wanted = new Set(names);
  let word = 0;
  for (const [bit, name] of Object.entries(point.bits ?? {})) {
    if (wanted.has(name)) word |= 1 << Number(bit);
  }
  return word;
}

/** The name of an enum value, or undefined when the profile does not list it. */
export function enumValueName(point: LabelledPoint, value: number): string | undefined {
  return point.values?.[String(value)];
}

/** The value an enum point uses for a name; throws naming the values there are. */
export function enumValueOf(point: LabelledPoint, name: string): number {
  const entry = Object.entries(point.values ?? {}).find(([, label]) => label === name);
  if (!entry) {
    throw new HardwareError(
      'CITY_HW_UNKNOWN_POINT',
      `point "${point.name}" has no value named "${name}"; expected one of ${Object.values(point.values ?? {}).join(', ')}`,
    );
  }
  return Number(entry[0]);
}

/** Whether a master may write this engineering value: inside the write range and, for an enum, a listed value. */
export function acceptsWrite(point: Pick<Point, 'access' | 'writeRange' | 'type' | 'values'>, value: number) {
  if (point.access !== 'read-write' || !point.writeRange) return false;
  const [min, max] = point.writeRange;
  if (!(value >= min && value <= max)) return false;
  return point.type !== 'enum' || Object.hasOwn(point.values ?? {}, String(value));
}
