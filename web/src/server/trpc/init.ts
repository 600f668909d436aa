import type { Database } from '@city/db';
import { initTRPC } from '@trpc/server';
import type { Logger } from 'pino';
import { ZodError, z } from 'zod';
import type { AlarmEngine } from '../alarms/engine';

/** What every procedure gets: the one database of this process and a logger. No request state yet. */
export interface WebContext {
  db: Database;
  logger: Logger;
  /** The alarm engine, on the instance that evaluates alarms; undefined elsewhere. */
  alarmEngine: () => AlarmEngine | undefined;
}

const t = initTRPC.context<WebContext>().create({
  errorFormatter({ shape, error }) {
    // A rejected input names each field and what is wrong with it, so a caller can fix the call.
    const zodError = error.cause instanceof ZodError ? z.flattenError(error.cause) : null;
    return { ...shape, data: { ...shape.data, zodError } };
  },
});

export const router = t.router;
/** Calls procedures in-process, with a context of one's own (tests, server-side jobs). */
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure;
