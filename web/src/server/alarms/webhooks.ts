import { type Database, enabledWebhookTargets, listAlarmRules } from '@city/db';
import type { AlarmTransition } from '@city/domain';
import type { Logger } from 'pino';
import { type MessageTemplates, WebhookNotifier, type WebhookOptions } from './webhook';

export interface AlarmWebhooksOptions {
  db: Database;
  logger: Logger;
  /** ALARM_WEBHOOK_URL: always notified, whatever admins configure. */
  fromEnv?: { url: string; maxPriority?: number } | undefined;
  /** Retry tuning for every notifier (tests shorten it). */
  retry?: Pick<WebhookOptions, 'attempts' | 'firstRetryMs' | 'timeoutMs'>;
}

/**
 * Every receiver of urgent alarms: the one from the environment and those admins keep in the
 * webhooks table. The table is read again for each batch with an activation (rare, and one indexed
 * query), so a webhook added, changed or disabled on any instance counts from the next alarm, without
 * a restart; so are the rules, whose message templates word each alarm's text, so an edited template
 * counts from the next alarm too. Each receiver keeps its own notifier, so a slow one delays nobody else.
 */
export class AlarmWebhooks {
  private readonly fromEnv: WebhookNotifier | undefined;
  private readonly configured = new Map<number, { key: string; notifier: WebhookNotifier }>();
  private templates: MessageTemplates = new Map();
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly options: AlarmWebhooksOptions) {
    this.fromEnv = options.fromEnv
      ? new WebhookNotifier({ ...options.retry, ...options.fromEnv, logger: this.logger('env') })
      : undefined;
  }

  notify(transitions: readonly AlarmTransition[]): void {
    // Only activations are sent: a batch without one needs no reload.
    if (!transitions.some((transition) => transition.event === 'activated')) return;
    // In journal order: each batch waits for the reload before it, so no alarm overtakes another.
    this.queue = this.queue
      .then(() => this.reload())
      .then(() => {
        this.fromEnv?.notify(transitions, this.templates);
        for (const { notifier } of this.configured.values()) notifier.notify(transitions, this.templates);
      });
  }

  /** Waits for everything queued, on every receiver (tests, shutdown). */
  async drain(): Promise<void> {
    await this.queue;
    await Promise.all([
      this.fromEnv?.drain(),
      ...[...this.configured.values()].map((c) => c.notifier.drain()),
    ]);
  }

  close(): void {
    this.fromEnv?.close();
    for (const { notifier } of this.configured.values()) notifier.close();
    this.configured.clear();
  }

  /**
   * Matches the notifiers to the table and reads the rules' templates; on a failed read, what was
   * known so far is kept (the environment's receiver is told either way).
   */
  private async reload(): Promise<void> {
    const { db, logger } = this.options;
    const [targets, rules] = await Promise.allSettled([enabledWebhookTargets(db), listAlarmRules(db)]);
    if (rules.status === 'fulfilled') this.templates = new Map(rules.value.map((r) => [r.id, r.message]));
    else
      logger.warn({ err: rules.reason }, 'alarm rules not reloaded; wording alarms with those known before');
    if (targets.status === 'rejected') {
      logger.warn({ err: targets.reason }, 'webhooks not reloaded; notifying those known before');
      return;
    }
    const seen = new Set<number>();
    for (const target of targets.value) {
      seen.add(target.id);
      const key = JSON.stringify([target.url, target.maxPriority, target.secret]);
      if (this.configured.get(target.id)?.key === key) continue;
      this.configured.get(target.id)?.notifier.close();
      const notifier = new WebhookNotifier({
        ...this.options.retry,
        url: target.url,
        maxPriority: target.maxPriority,
        secret: target.secret,
        logger: this.logger(target.name),
      });
      this.configured.set(target.id, { key, notifier });
    }
    for (const [id, { notifier }] of this.configured)
      if (!seen.has(id)) {
        notifier.close();
        this.configured.delete(id);
      }
  }

  private logger(webhook: string): Logger {
    return this.options.logger.child({ part: 'webhook', webhook });
  }
}
