/**
 * PostgreSQL's binary COPY format: no text to format on this side or parse on the server's, which
 * makes it the cheapest way to bulk-load numbers and timestamps.
 */
export type CopyColumnType = 'int4' | 'int8' | 'float8' | 'timestamptz' | 'text' | 'bool';
export type CopyValue = string | number | bigint | boolean | Date | null;

export interface CopyColumn {
  name: string;
  type: CopyColumnType;
}

const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
/** 2000-01-01T00:00:00Z, PostgreSQL's epoch, in Unix milliseconds. */
const PG_EPOCH_MS = 946_684_800_000;

const FIXED_WIDTH: Record<Exclude<CopyColumnType, 'text'>, number> = {
  int4: 4,
  int8: 8,
  float8: 8,
  timestamptz: 8,
  bool: 1,
};

function mismatch(column: CopyColumn, value: CopyValue): Error {
  return new TypeError(`COPY column ${column.name} (${column.type}) cannot take ${String(value)}`);
}

/** Rows in the binary COPY format, header and trailer included. */
export function encodeCopyBinary(
  columns: readonly CopyColumn[],
  rows: readonly (readonly CopyValue[])[],
): Uint8Array<ArrayBuffer> {
  const texts = new Map<string, Buffer>();
  let size = SIGNATURE.length + 8 + 2;
  for (const row of rows) {
    size += 2;
    columns.forEach((column, i) => {
      const value = row[i] ?? null;
      size += 4;
      if (value === null) return;
      if (column.type !== 'text') size += FIXED_WIDTH[column.type];
      else {
        const text = String(value);
        let bytes = texts.get(text);
        if (!bytes) {
          bytes = Buffer.from(text, 'utf8');
          texts.set(text, bytes);
        }
        size += bytes.length;
      }
    });
  }
  const encoded = new Uint8Array(size);
  const out = Buffer.from(encoded.buffer);
  let at = SIGNATURE.copy(out, 0);
  at = out.writeInt32BE(0, at); // flags
  at = out.writeInt32BE(0, at); // header extension length
  for (const row of rows) {
    at = out.writeInt16BE(columns.length, at);
    columns.forEach((column, i) => {
      const value = row[i] ?? null;
      if (value === null) {
        at = out.writeInt32BE(-1, at);
        return;
      }
      switch (column.type) {
        case 'int4':
          if (typeof value !== 'number' || !Number.isInteger(value)) throw mismatch(column, value);
          at = out.writeInt32BE(4, at);
          at = out.writeInt32BE(value, at);
          return;
        case 'int8':
          if (typeof value !== 'number' && typeof value !== 'bigint') throw mismatch(column, value);
          at = out.writeInt32BE(8, at);
          at = out.writeBigInt64BE(BigInt(value), at);
          return;
        case 'float8':
          if (typeof value !== 'number') throw mismatch(column, value);
          at = out.writeInt32BE(8, at);
          at = out.writeDoubleBE(value, at);
          return;
        case 'timestamptz': {
          const ms = value instanceof Date ? value.getTime() : Number.NaN;
          if (!Number.isFinite(ms)) throw mismatch(column, value);
          at = out.writeInt32BE(8, at);
          at = out.writeBigInt64BE(BigInt(ms - PG_EPOCH_MS) * 1000n, at);
          return;
        }
        case 'bool':
          if (typeof value !== 'boolean') throw mismatch(column, value);
          at = out.writeInt32BE(1, at);
          at = out.writeUInt8(value ? 1 : 0, at);
          return;
        case 'text': {
          const utf8 = texts.get(String(value)) as Buffer;
          at = out.writeInt32BE(utf8.length, at);
          at += utf8.copy(out, at);
          return;
        }
      }
    });
  }
  out.writeInt16BE(-1, at);
  return encoded;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/** The COPY … FROM statement head; only plain lower-case identifiers, since they are spliced in. */
export function copyTarget(table: string, columns: readonly CopyColumn[]): string {
  for (const name of [table, ...columns.map((column) => column.name)]) {
    if (!IDENTIFIER.test(name)) throw new Error(`not a plain identifier for COPY: ${JSON.stringify(name)}`);
  }
  return `${table} (${columns.map((column) => column.name).join(', ')})`;
}
