import { listAccounts } from '@city/db';
import { RoleSchema, UserNameSchema } from '@city/domain';
import { z } from 'zod';
import {
  changeRole,
  createInvitedAccount,
  reinvite,
  setDisabled,
  signOutEverywhere,
} from '../../admin/accounts';
import { router } from '../init';
import { accountView, actorOf, manage } from './procedures';

const Name = z.strictObject({ name: UserNameSchema });
const DisplayName = z.string().trim().min(1).max(100).optional();

/** People's accounts (and, in the list, wall displays): 'users.manage', admins only. */
export const usersRouter = router({
  /** Every account by name, with open sessions and last sign-in; `kind` narrows to people or displays. */
  list: manage
    .input(z.strictObject({ kind: z.enum(['user', 'display']).optional() }).optional())
    .query(({ ctx, input }) => listAccounts(ctx.db, input?.kind)),

  /** A new account without a password, and its invitation: the person chooses a password there. */
  create: manage
    .input(z.strictObject({ name: UserNameSchema, displayName: DisplayName, role: RoleSchema }))
    .mutation(async ({ ctx, input }) => {
      const { user, invitation } = await createInvitedAccount(ctx.db, actorOf(ctx), input);
      return { user: accountView(user), ...invitation };
    }),

  /** A fresh invitation (a forgotten password); the old one stops working, the password stays until it is used. */
  invite: manage.input(Name).mutation(({ ctx, input }) => reinvite(ctx.db, actorOf(ctx), input.name)),

  setRole: manage
    .input(z.strictObject({ name: UserNameSchema, role: RoleSchema }))
    .mutation(async ({ ctx, input }) =>
      accountView(await changeRole(ctx.db, actorOf(ctx), input.name, input.role)),
    ),

  /** Disabling ends every session of the account at once. */
  setDisabled: manage
    .input(z.strictObject({ name: UserNameSchema, disabled: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      const { user, sessionsEnded } = await setDisabled(ctx.db, actorOf(ctx), input.name, input.disabled);
      return { user: accountView(user), sessionsEnded };
    }),

  /** Ends every session of the account (the caller's own stays when it is their account). */
  signOutEverywhere: manage.input(Name).mutation(async ({ ctx, input }) => ({
    sessionsEnded: await signOutEverywhere(ctx.db, actorOf(ctx), input.name),
  })),
});
