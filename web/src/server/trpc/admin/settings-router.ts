import { listWebhooks } from '@city/db';
import { z } from 'zod';
import { AuditPageSchema, auditPage } from '../../admin/audit-query';
import { changeRetention, RetentionChangesSchema, readAllRetention } from '../../admin/retention';
import {
  changeWebhook,
  createWebhook,
  NewWebhookSchema,
  removeWebhook,
  sendTestMessage,
  WebhookChangesSchema,
} from '../../admin/webhooks';
import { router } from '../init';
import { actorOf, adminProcedure, manage } from './procedures';

const Id = z.strictObject({ id: z.int().min(1) });

/** The audit trail, newest first: 'audit.read'. The CSV export is GET /api/audit.csv with the same filter. */
export const auditRouter = router({
  list: adminProcedure('audit.read')
    .input(AuditPageSchema)
    .query(({ ctx, input }) => auditPage(ctx.db, input)),
});

/** How long audit rows, raw readings and hourly rollups are kept. */
export const retentionRouter = router({
  get: manage.query(({ ctx }) => readAllRetention(ctx.db)),
  set: manage
    .input(RetentionChangesSchema)
    .mutation(({ ctx, input }) => changeRetention(ctx.db, actorOf(ctx), input)),
});

/** Receivers of urgent alarms, besides ALARM_WEBHOOK_URL; a change counts from the next alarm. */
export const webhooksRouter = router({
  list: manage.query(({ ctx }) => listWebhooks(ctx.db)),
  /** Answers the webhook, and `generatedSecret` once when asked to generate one (never shown again). */
  create: manage
    .input(NewWebhookSchema)
    .mutation(({ ctx, input }) => createWebhook(ctx.db, actorOf(ctx), input)),
  update: manage
    .input(WebhookChangesSchema)
    .mutation(({ ctx, input }) => changeWebhook(ctx.db, actorOf(ctx), input)),
  delete: manage.input(Id).mutation(async ({ ctx, input }) => {
    await removeWebhook(ctx.db, actorOf(ctx), input.id);
    return { deleted: input.id };
  }),
  /** One signed test message, no retries: `{ ok, status, error }`. */
  test: manage.input(Id).mutation(({ ctx, input }) => sendTestMessage(ctx.db, actorOf(ctx), input.id)),
});
