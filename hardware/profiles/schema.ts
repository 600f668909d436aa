import { AssetKindSchema } from '@city/domain';
import { z } from 'zod';
import { DATA_TYPES, engineeringRange, registerCount, WORD_ORDERS, WORD_TYPES } from './codec';

export const REGISTER_TABLES = ['coil', 'discrete-input', 'input-register', 'holding-register'] as const;
export type RegisterTable = (typeof REGISTER_TABLES)[number];

/** Tables that hold single bits; the others hold 16-bit words. */
export const BIT_TABLES: readonly RegisterTable[] = ['coil', 'discrete-input'];
/** Tables a Modbus master may write to. */
export const WRITABLE_TABLES: readonly RegisterTable[] = ['coil', 'holding-register'];

const LabelSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/, 'use lower-case letters, digits and underscores, e.g. "pump1_fault"');

/** YAML keys such as `0:` arrive as text; each must be a whole number, checked per type below. */
const LabelMapSchema = z.record(z.string(), LabelSchema);

const RangeSchema = z
  .tuple([z.number(), z.number()])
  .refine(([min, max]) => min < max, 'expected [min, max] with min < max');

export const PointSchema = z.strictObject({
  /** The device's own name for the point; the gateway binds channels to it. */
  name: z.string().regex(/^[a-z][a-z0-9_]*$/, 'use lower-case letters, digits and underscores, e.g. "pm10"'),
  /** Human label, e.g. "NO₂ concentration". */
  label: z.string().min(1),
  /** What is measured, in our words; becomes the channel id "<asset id>/<metric>". */
  metric: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]*$/, 'use lower-case letters, digits, "-" and "_", e.g. "no2"'),
  /** Engineering unit, e.g. "µg/m³"; empty for dimensionless words such as status bits. */
  unit: z.string(),
  table: z.enum(REGISTER_TABLES),
  /** 0-based protocol address (mbpoll's "-r 1" is address 0). */
  address: z.int().min(0).max(0xffff),
  type: z.enum(DATA_TYPES),
  /** Default big (ABCD). */
  wordOrder: z.enum(WORD_ORDERS).default('big'),
  /** engineering = raw * scale + offset. Default 1. */
  scale: z
    .number()
    .refine((scale) => scale !== 0, 'expected a non-zero number')
    .default(1),
  /** Default 0. */
  offset: z.number().default(0),
  /** Default read. */
  access: z.enum(['read', 'read-write']).default('read'),
  /** Engineering values a master may write; required for read-write points. */
  writeRange: RangeSchema.optional(),
  /** The range a screen should show, [min, max]. */
  displayRange: RangeSchema,
  /** Engineering value the register holds at power-up. Default 0. */
  initial: z.number().optional(),
  /** bitfield only: the name of each bit that means something, e.g. {0: pump1_fault, 1: overflow}. */
  bits: LabelMapSchema.optional(),
  /** enum only: the name of each value the word can take, e.g. {0: off, 1: auto, 2: manual}. */
  values: LabelMapSchema.optional(),
  description: z.string().optional(),
});
export type Point = z.output<typeof PointSchema>;

/**
 * A device's points with the checks that need more than one field: table against type, access,
 * ranges, overlapping addresses and unique names. A profile's points, or a gateway's inline registers.
 */
export const RegisterMapSchema = z
  .array(PointSchema)
  .min(1)
  .superRefine((points, ctx) => {
    for (const issue of pointIssues(points)) ctx.addIssue({ code: 'custom', ...issue });
  });

export const ProfileSchema = z.strictObject({
  /** Must equal the file name without ".yaml". */
  model: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and dashes'),
  title: z.string().min(1),
  vendor: z.string().min(1),
  /** The kind of asset a device of this model is. */
  assetKind: AssetKindSchema,
  description: z.string().optional(),
  points: RegisterMapSchema,
});
export type Profile = z.output<typeof ProfileSchema>;

interface PointIssue {
  path: (string | number)[];
  message: string;
}

/** Checks that need more than one field: table vs type, access, ranges, overlaps, uniqueness. */
function pointIssues(points: readonly Point[]): PointIssue[] {
  const issues: PointIssue[] = [];
  const at = (index: number, field: string, message: string) =>
    issues.push({ path: [index, field], message });

  points.forEach((point, index) => {
    for (const issue of labelIssues(point)) {
      issues.push({ path: [index, ...issue.path], message: issue.message });
    }
    const isBitTable = BIT_TABLES.includes(point.table);
    if (isBitTable && point.type !== 'bool') {
      at(index, 'type', `a ${point.table} holds one bit; expected bool (got "${point.type}")`);
    }
    if (!isBitTable && point.type === 'bool') {
      at(index, 'type', `bool belongs in a coil or discrete-input; use uint16 for a ${point.table}`);
    }
    if (point.access === 'read-write' && !WRITABLE_TABLES.includes(point.table)) {
      at(index, 'access', `a master cannot write a ${point.table}; use holding-register or coil`);
    }
    if (point.access === 'read-write' && !point.writeRange) {
      at(index, 'writeRange', 'required for a read-write point: [min, max] a master may write');
    }
    if (point.access === 'read' && point.writeRange) {
      at(
        index,
        'writeRange',
        'only read-write points take a writeRange; remove it or set access: read-write',
      );
    }
    const end = point.address + registerCount(point) - 1;
    if (end > 0xffff) {
      at(index, 'address', `${point.type} at ${point.address} runs past the last address 65535`);
    }
    const [min, max] = engineeringRange(point);
    const fits = (value: number) => value >= min && value <= max;
    const representable = `representable ${min}..${max}`;
    if (!point.displayRange.every(fits)) {
      at(index, 'displayRange', `does not fit ${point.type} with scale ${point.scale} (${representable})`);
    }
    if (point.writeRange && !point.writeRange.every(fits)) {
      at(index, 'writeRange', `does not fit ${point.type} with scale ${point.scale} (${representable})`);
    }
    if (point.initial !== undefined) {
      const [low, high] = point.writeRange ?? [min, max];
      if (point.initial < low || point.initial > high) {
        at(index, 'initial', `expected a value in ${low}..${high} (got ${point.initial})`);
      }
    }
  });

  for (const field of ['name', 'metric'] as const) {
    const firstIndex = new Map<string, number>();
    points.forEach((point, index) => {
      const earlier = firstIndex.get(point[field]);
      if (earlier === undefined) firstIndex.set(point[field], index);
      else
        at(index, field, `"${point[field]}" is already used by points[${earlier}]; each ${field} is unique`);
    });
  }

  points.forEach((point, index) => {
    const end = point.address + registerCount(point) - 1;
    for (let other = 0; other < index; other++) {
      const earlier = points[other];
      if (!earlier || earlier.table !== point.table) continue;
      const earlierEnd = earlier.address + registerCount(earlier) - 1;
      if (point.address <= earlierEnd && earlier.address <= end) {
        at(
          index,
          'address',
          `${point.table} ${point.address}..${end} overlaps "${earlier.name}" (${earlier.address}..${earlierEnd})`,
        );
      }
    }
  });
  return issues;
}

const LABEL_FIELD = { bitfield: 'bits', enum: 'values' } as const;

/** A bitfield names its bits 0..15 and an enum its values 0..65535; other types take neither. */
function labelIssues(point: Point): PointIssue[] {
  const issues: PointIssue[] = [];
  for (const field of ['bits', 'values'] as const) {
    const wanted = point.type === 'bitfield' || point.type === 'enum' ? LABEL_FIELD[point.type] : undefined;
    const labels = point[field];
    if (labels && wanted !== field) {
      const owner = field === 'bits' ? 'bitfield' : 'enum';
      issues.push({
        path: [field],
        message: `only a ${owner} point takes ${field}; remove it or set type: ${owner}`,
      });
    }
  }
  if (!WORD_TYPES.includes(point.type)) return issues;
  const field = point.type === 'bitfield' ? 'bits' : 'values';
  const highest = point.type === 'bitfield' ? 15 : 0xffff;
  const example =
    point.type === 'bitfield' ? '{0: pump1_fault, 1: overflow}' : '{0: off, 1: auto, 2: manual}';
  const labels = point[field];
  if (!labels || Object.keys(labels).length === 0) {
    issues.push({
      path: [field],
      message: `required for a ${point.type}: name what it means, e.g. ${field}: ${example}`,
    });
    return issues;
  }
  const seen = new Map<string, string>();
  for (const [key, label] of Object.entries(labels)) {
    if (!/^\d+$/.test(key) || Number(key) > highest) {
      issues.push({
        path: [field, key],
        message: `expected a whole number 0..${highest} as the key (got "${key}")`,
      });
    }
    const earlier = seen.get(label);
    if (earlier !== undefined) {
      issues.push({
        path: [field, key],
        message: `"${label}" already names ${earlier}; each name is unique`,
      });
    } else seen.set(label, key);
  }
  if (point.scale !== 1 || point.offset !== 0) {
    issues.push({
      path: [point.scale !== 1 ? 'scale' : 'offset'],
      message: `a ${point.type} is a raw word; remove scale and offset`,
    });
  }
  if (point.type === 'enum') {
    const listed = (value: number) => Object.hasOwn(labels, String(value));
    if (point.initial !== undefined && !listed(point.initial)) {
      issues.push({
        path: ['initial'],
        message: `expected one of the listed values ${Object.keys(labels).join(', ')}`,
      });
    }
  }
  return issues;
}
