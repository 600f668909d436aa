import { listAccounts } from '@city/db';
import { UserNameSchema } from '@city/domain';
import { z } from 'zod';
import { createDisplay, newCode, revokeDisplay } from '../../admin/displays';
import { router } from '../init';
import { actorOf, manage } from './procedures';

const Name = z.strictObject({ name: UserNameSchema });

/** Wall displays: viewer-only accounts paired with a short code typed at /pair on the screen. */
export const displaysRouter = router({
  /** Each display with whether a screen is paired now (an open session), when it paired and was last seen. */
  list: manage.query(async ({ ctx }) =>
    (await listAccounts(ctx.db, 'display')).map((display) => ({
      name: display.name,
      displayName: display.displayName,
      disabled: display.disabled,
      paired: display.openSessions > 0,
      pairedAt: display.lastSignInAt,
      lastSeenAt: display.lastSeenAt,
      codeExpiresAt: display.pendingCodeExpiresAt,
    })),
  ),

  /** A new display and its first pairing code (valid 15 minutes, once). */
  create: manage
    .input(
      z.strictObject({ name: UserNameSchema, displayName: z.string().trim().min(1).max(100).optional() }),
    )
    .mutation(async ({ ctx, input }) => {
      const { display, pairing } = await createDisplay(ctx.db, actorOf(ctx), input);
      return { name: display.name, displayName: display.displayName, ...pairing };
    }),

  /** A new pairing code for a display; an unused older code stops working. */
  newCode: manage.input(Name).mutation(({ ctx, input }) => newCode(ctx.db, actorOf(ctx), input.name)),

  /** Unpairs: the display's session ends and its screen is disconnected within seconds. */
  revoke: manage.input(Name).mutation(async ({ ctx, input }) => ({
    sessionsEnded: await revokeDisplay(ctx.db, actorOf(ctx), input.name),
  })),
});
