import { randomBytes } from 'node:crypto';
import {
  type Database,
  deleteWebhook,
  findWebhookTarget,
  insertWebhook,
  recordAudit,
  updateWebhook,
  type Webhook,
} from '@city/db';
import { AlarmPrioritySchema } from '@city/domain';
import { z } from 'zod';
import { postWebhook } from '../alarms/webhook-signing';
import type { AdminActor } from './accounts';
import { notFound, rethrowTaken } from './errors';

/**
 * A receiver's address: http or https only (never javascript:, file:, data: or the like), and no
 * user:password in it, since the list shows URLs to every admin and the audit keeps them; a receiver
 * that wants proof of origin checks the signature instead.
 */
export const WebhookUrlSchema = z
  .string()
  .trim()
  .max(2_000)
  .refine((text) => URL.canParse(text), { error: 'not a URL' })
  .refine((text) => ['http:', 'https:'].includes(new URL(text).protocol), {
    error: 'a webhook URL starts with http:// or https://',
  })
  .refine((text) => !new URL(text).username && !new URL(text).password, {
    error:
      'leave credentials out of the URL: give the webhook a secret, and the receiver checks its signature',
  })
  // As the URL parser writes it (scheme in lower case), which is also what the table's check expects.
  .transform((text) => new URL(text).href);

/** A shared key for HMAC-SHA256: at least 16 characters, so that it cannot be guessed. */
const SecretSchema = z.string().min(16, { error: 'a webhook secret needs at least 16 characters' }).max(256);

export const NewWebhookSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(100),
    url: WebhookUrlSchema,
    maxPriority: AlarmPrioritySchema.default(2),
    enabled: z.boolean().default(true),
    /** The receiver's own secret, if it dictates one. */
    secret: SecretSchema.optional(),
    /** Or let the server make one: it is shown once, in the answer to this call. */
    generateSecret: z.boolean().default(false),
  })
  .refine((input) => !(input.secret && input.generateSecret), {
    error: 'give a secret or ask for one to be generated, not both',
  });

export const WebhookChangesSchema = z.strictObject({
  id: z.int().min(1),
  name: z.string().trim().min(1).max(100).optional(),
  url: WebhookUrlSchema.optional(),
  maxPriority: AlarmPrioritySchema.optional(),
  enabled: z.boolean().optional(),
  /** A new secret, or null to stop signing. */
  secret: SecretSchema.nullable().optional(),
});

export async function createWebhook(
  db: Database,
  by: AdminActor,
  input: z.output<typeof NewWebhookSchema>,
): Promise<{ webhook: Webhook; generatedSecret: string | null }> {
  const generatedSecret = input.generateSecret ? randomBytes(32).toString('base64url') : null;
  const secret = input.secret ?? generatedSecret;
  return db.transaction(async (tx) => {
    const webhook = await insertWebhook(tx, { ...input, secret }).catch((error: unknown) =>
      rethrowTaken(error, `a webhook named "${input.name}"`),
    );
    await recordAudit(tx, { by: by.actor, action: 'webhook.create', target: webhook.name, after: webhook });
    return { webhook, generatedSecret };
  });
}

export async function changeWebhook(
  db: Database,
  by: AdminActor,
  { id, ...changes }: z.output<typeof WebhookChangesSchema>,
): Promise<Webhook> {
  return db.transaction(async (tx) => {
    const changed = await updateWebhook(tx, id, changes).catch((error: unknown) =>
      rethrowTaken(error, `a webhook named "${changes.name}"`),
    );
    if (!changed) throw notFound(`webhook ${id}`);
    await recordAudit(tx, {
      by: by.actor,
      action: 'webhook.update',
      target: changed.after.name,
      before: changed.before,
      after: changed.after,
      // Whether the secret changed is worth knowing; the secret itself is never written down here.
      details: { secretChanged: changes.secret !== undefined },
    });
    return changed.after;
  });
}

export async function removeWebhook(db: Database, by: AdminActor, id: number): Promise<void> {
  await db.transaction(async (tx) => {
    const removed = await deleteWebhook(tx, id);
    if (!removed) throw notFound(`webhook ${id}`);
    await recordAudit(tx, { by: by.actor, action: 'webhook.delete', target: removed.name, before: removed });
  });
}

export interface TestDelivery {
  ok: boolean;
  /** The receiver's HTTP status, or null when it could not be reached. */
  status: number | null;
  error: string | null;
}

/**
 * Sends one test message (no retries), signed as alarms are, and says how the receiver answered;
 * audited with the answer, so a later "we never got alarms" can be checked against it.
 */
export async function sendTestMessage(db: Database, by: AdminActor, id: number): Promise<TestDelivery> {
  const target = await findWebhookTarget(db, id);
  if (!target) throw notFound(`webhook ${id}`);
  const payload = {
    kind: 'city-operations.test',
    text: `Test message from the control room, sent by ${by.actor.name}`,
  };
  let result: TestDelivery;
  try {
    const response = await postWebhook(target.url, payload, { secret: target.secret, timeoutMs: 5_000 });
    result = { ok: response.ok, status: response.status, error: response.ok ? null : response.statusText };
  } catch (error) {
    result = { ok: false, status: null, error: error instanceof Error ? error.message : String(error) };
  }
  await db.transaction((tx) =>
    recordAudit(tx, { by: by.actor, action: 'webhook.test', target: target.name, details: { ...result } }),
  );
  return result;
}
