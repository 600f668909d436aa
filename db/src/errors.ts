/**
 * Catalogue of database errors an operator may meet. Each has a stable code to search for, and a
 * message that says what happened and what to do about it.
 */
export type DbErrorCode =
  | 'CITY_DB_UNREACHABLE'
  | 'CITY_DB_DATA_DIR_LOCKED'
  | 'CITY_DB_DATA_DIR_OPEN_TWICE'
  | 'CITY_DB_SCHEMA_TOO_NEW'
  | 'CITY_DB_MIGRATION_FAILED'
  | 'CITY_DB_MIGRATION_CHANGED';

export class DbError extends Error {
  override readonly name = 'DbError';
  constructor(
    readonly code: DbErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${code}: ${message}`, options);
  }
}

export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/** The SQLSTATE of a server error from either adapter, if it carries one. */
export function sqlStateOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

export const UNIQUE_VIOLATION = '23505';
