import type { AuditActor, Database } from '@city/db';
import { may, type Permission } from '@city/domain';
import { initTRPC, TRPCError } from '@trpc/server';
import type { Logger } from 'pino';
import { ZodError, z } from 'zod';
import type { AlarmEngine } from '../alarms/engine';
import type { CommandLimiter } from '../auth/command-limits';
import { FreshAuthRequired } from '../auth/fresh-auth';
import { auditActor, type Principal, type RequestOrigin } from '../auth/principal';
import type { SessionService } from '../auth/sessions';
import { isDevelopment } from '../env';

/** What every procedure gets: the process's database, and who is asking from where (from the session, never the body). */
export interface WebContext {
  db: Database;
  logger: Logger;
  /** The alarm engine, on the instance that evaluates alarms; undefined elsewhere. */
  alarmEngine: () => AlarmEngine | undefined;
  /** The signed-in user, or null: then only procedures open to everyone run. */
  principal: Principal | null;
  origin: RequestOrigin;
  sessions: SessionService | undefined;
  /** This server's rate limits on commands to the field, per user and per channel. */
  commandLimits: CommandLimiter;
  /** The city's own MapLibre style, when one is configured (BASEMAP_STYLE); else the shipped base map. */
  basemapStyleUrl?: string | null;
}

/**
 * Every procedure names what it needs: a permission from the table in @city/domain, or 'signed-in'
 * for anything a session may do whatever its role. One that names nothing is refused before it runs
 * (and a test walks the router), so a new mutation cannot ship unguarded.
 */
export interface ProcedureMeta {
  permission: Permission | 'signed-in';
}

const t = initTRPC
  .context<WebContext>()
  .meta<ProcedureMeta>()
  .create({
    // A stack trace tells an attacker the code's layout; only a developer's own server shows it.
    isDev: isDevelopment(),
    errorFormatter({ shape, error }) {
      // A rejected input names each field and what is wrong with it, so a caller can fix the call.
      const zodError = error.cause instanceof ZodError ? z.flattenError(error.cause) : null;
      // A command refused for want of a fresh sign-in says how to give one: 'password' or 'oidc'.
      const reauth = error.cause instanceof FreshAuthRequired ? error.cause.reauth : null;
      return { ...shape, data: { ...shape.data, zodError, reauth } };
    },
  });

export const router = t.router;
/** Calls procedures in-process, with a context of one's own (tests, server-side jobs). */
export const createCallerFactory = t.createCallerFactory;

/** The one procedure builder: checks the session and the permission its meta names. */
export const procedure = t.procedure.use(({ ctx, meta, next, path }) => {
  if (!meta?.permission)
    throw new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: `${path} names no permission` });
  const { principal } = ctx;
  if (!principal) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'sign in first' });
  if (meta.permission !== 'signed-in' && !may(principal.user.role, meta.permission))
    throw new TRPCError({
      code: 'FORBIDDEN',
      message: `${path} needs the "${meta.permission}" permission, which the role ${principal.user.role} does not have`,
    });
  return next({ ctx: { ...ctx, principal, actor: auditActor(principal, ctx.origin) } });
});

export const viewProcedure = procedure.meta({ permission: 'view' });
export const guarded = (permission: Permission) => procedure.meta({ permission });

export type { AuditActor };
