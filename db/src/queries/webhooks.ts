import type { Queryable } from '../database';

/** A receiver of urgent alarms, as an admin sees it: whether it signs, never its secret. */
export interface Webhook {
  id: number;
  name: string;
  url: string;
  /** Alarms this urgent or more (1 critical … 4 low) are sent. */
  maxPriority: number;
  enabled: boolean;
  /** Whether each payload carries an HMAC-SHA256 signature. */
  signed: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** What the notifier needs to deliver: the webhook with its signing key. Server-side only. */
export interface WebhookTarget extends Webhook {
  secret: string | null;
}

export interface NewWebhook {
  name: string;
  url: string;
  maxPriority: number;
  enabled: boolean;
  secret: string | null;
}

export type WebhookChanges = Partial<NewWebhook>;

interface Row {
  id: string;
  name: string;
  url: string;
  max_priority: number;
  enabled: boolean;
  secret: string | null;
  created_at: Date;
  updated_at: Date;
}

const toTarget = (row: Row): WebhookTarget => ({
  id: Number(row.id),
  name: row.name,
  url: row.url,
  maxPriority: Number(row.max_priority),
  enabled: row.enabled,
  signed: row.secret !== null,
  secret: row.secret,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/** The secret stays in the database layer's hands unless a caller asks for targets. */
const withoutSecret = ({ secret: _secret, ...webhook }: WebhookTarget): Webhook => webhook;

export async function listWebhooks(db: Queryable): Promise<Webhook[]> {
  const { rows } = await db.query<Row>('SELECT * FROM webhooks ORDER BY name');
  return rows.map((row) => withoutSecret(toTarget(row)));
}

/** The enabled webhooks with their secrets, for delivery. */
export async function enabledWebhookTargets(db: Queryable): Promise<WebhookTarget[]> {
  const { rows } = await db.query<Row>('SELECT * FROM webhooks WHERE enabled ORDER BY id');
  return rows.map(toTarget);
}

export async function findWebhookTarget(db: Queryable, id: number): Promise<WebhookTarget | undefined> {
  const { rows } = await db.query<Row>('SELECT * FROM webhooks WHERE id = $1', [id]);
  return rows[0] && toTarget(rows[0]);
}

/** Adds a webhook; a name that exists already fails with the database's unique violation (23505). */
export async function insertWebhook(db: Queryable, webhook: NewWebhook): Promise<Webhook> {
  const { rows } = await db.query<Row>(
    `INSERT INTO webhooks (name, url, max_priority, enabled, secret) VALUES ($1, $2, $3, $4, $5) RETURNING *`,
    [webhook.name, webhook.url, webhook.maxPriority, webhook.enabled, webhook.secret],
  );
  return withoutSecret(toTarget(rows[0] as Row));
}

/** Changes the fields given (a secret of null stops signing); returns before and after, or undefined. */
export async function updateWebhook(
  db: Queryable,
  id: number,
  changes: WebhookChanges,
): Promise<{ before: Webhook; after: Webhook } | undefined> {
  const before = await findWebhookTarget(db, id);
  if (!before) return undefined;
  const { rows } = await db.query<Row>(
    `UPDATE webhooks SET name = $2, url = $3, max_priority = $4, enabled = $5, secret = $6, updated_at = now()
      WHERE id = $1 RETURNING *`,
    [
      id,
      changes.name ?? before.name,
      changes.url ?? before.url,
      changes.maxPriority ?? before.maxPriority,
      changes.enabled ?? before.enabled,
      changes.secret === undefined ? before.secret : changes.secret,
    ],
  );
  return { before: withoutSecret(before), after: withoutSecret(toTarget(rows[0] as Row)) };
}

/** Removes a webhook; returns it as it was, or undefined if there was none. */
export async function deleteWebhook(db: Queryable, id: number): Promise<Webhook | undefined> {
  const { rows } = await db.query<Row>('DELETE FROM webhooks WHERE id = $1 RETURNING *', [id]);
  return rows[0] && withoutSecret(toTarget(rows[0]));
}
