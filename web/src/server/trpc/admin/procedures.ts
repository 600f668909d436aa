import type { UserRecord } from '@city/db';
import type { Permission } from '@city/domain';
import { TRPCError } from '@trpc/server';
import type { AdminActor } from '../../admin/accounts';
import { AdminError, type AdminRefusal } from '../../admin/errors';
import type { Principal } from '../../auth/principal';
import { type AuditActor, guarded, type WebContext } from '../init';

const CODES = {
  'not-found': 'NOT_FOUND',
  conflict: 'CONFLICT',
  refused: 'BAD_REQUEST',
} as const satisfies Record<AdminRefusal, TRPCError['code']>;

/** A guarded procedure whose refusals (AdminError) reach the caller as clear errors, not as a 500. */
export const adminProcedure = (permission: Permission) =>
  guarded(permission).use(async ({ next }) => {
    const result = await next();
    const cause = result.ok ? undefined : result.error.cause;
    if (cause instanceof AdminError)
      throw new TRPCError({ code: CODES[cause.kind], message: cause.message, cause });
    return result;
  });

export const manage = adminProcedure('users.manage');

/** Who acts, from the session (never the body). */
export const actorOf = (ctx: WebContext & { principal: Principal; actor: AuditActor }): AdminActor => ({
  principal: ctx.principal,
  actor: ctx.actor,
  sessions: ctx.sessions,
});

/** An account as the API shows it: never its password hash. */
export const accountView = (user: UserRecord) => ({
  name: user.name,
  displayName: user.displayName,
  role: user.role,
  kind: user.kind,
  disabled: user.disabled,
});
