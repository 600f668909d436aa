/**
 * Why an admin's request was refused, in words the admin can act on. The tRPC layer maps the kind to
 * its error code; the message is shown as it is.
 */
export type AdminRefusal = 'not-found' | 'conflict' | 'refused';

export class AdminError extends Error {
  override readonly name = 'AdminError';
  constructor(
    readonly kind: AdminRefusal,
    message: string,
  ) {
    super(message);
  }
}

export const notFound = (what: string): AdminError => new AdminError('not-found', `no ${what}`);

/** The database's unique violation (23505) as a conflict naming what is taken. */
export function rethrowTaken(error: unknown, what: string): never {
  if ((error as { code?: string }).code === '23505')
    throw new AdminError('conflict', `${what} exists already`);
  throw error;
}
