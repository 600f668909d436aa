import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CopyColumn, copyTarget, encodeCopyBinary } from './copy-binary';
import { backends, createTestDatabase, type TestDatabase } from './testing';

const columns: CopyColumn[] = [
  { name: 'i', type: 'int4' },
  { name: 'b', type: 'int8' },
  { name: 'f', type: 'float8' },
  { name: 't', type: 'timestamptz' },
  { name: 's', type: 'text' },
  { name: 'ok', type: 'bool' },
];

describe.each(backends)('binary COPY on %s', (backend) => {
  let target: TestDatabase;
  beforeAll(async () => {
    target = await createTestDatabase(backend, { migrated: false });
    await target.db.exec('CREATE TABLE copied (i int4, b int8, f float8, t timestamptz, s text, ok bool)');
  });
  afterAll(() => target?.drop());

  it('stores every column type exactly, NULLs and awkward text included', async () => {
    const when = new Date(Date.UTC(1999, 11, 31, 23, 59, 59, 123));
    const rows = [
      [-2_147_483_648, 9_007_199_254_740_991, -0.1, when, 'tab\there, newline\nhere, µg/m³ \\', true],
      [7, null, Number.NaN, new Date(0), '', false],
      [null, -1, Number.POSITIVE_INFINITY, null, null, null],
    ];
    expect(await target.db.copyRows('copied', columns, rows)).toBe(3);
    const { rows: stored } = await target.db.query<Record<string, unknown>>(
      'SELECT i, b::text AS b, f, t, s, ok FROM copied ORDER BY i NULLS LAST',
    );
    expect(stored).toEqual([
      { i: -2_147_483_648, b: '9007199254740991', f: -0.1, t: when, s: rows[0]?.[4], ok: true },
      { i: 7, b: null, f: Number.NaN, t: new Date(0), s: '', ok: false },
      { i: null, b: '-1', f: Number.POSITIVE_INFINITY, t: null, s: null, ok: null },
    ]);
  });
});

describe('binary COPY encoding', () => {
  it('refuses a value that does not fit its column, naming the column', () => {
    expect(() => encodeCopyBinary(columns.slice(0, 1), [['seven']])).toThrow(/column i \(int4\)/);
    expect(() => encodeCopyBinary([{ name: 't', type: 'timestamptz' }], [[new Date(Number.NaN)]])).toThrow(
      /column t/,
    );
  });

  it('refuses identifiers it would have to quote', () => {
    expect(copyTarget('readings', columns.slice(0, 2))).toBe('readings (i, b)');
    expect(() => copyTarget('readings; DROP TABLE x', columns)).toThrow(/plain identifier/);
  });
});
