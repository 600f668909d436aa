import { backoffDelay } from '@city/db/backoff';
import {
  type AlarmMessage,
  type AlarmTransition,
  type LocalizedText,
  type MessageLocale,
  renderAlarmMessage,
  textFor,
} from '@city/domain';
import type { Logger } from 'pino';
import { postWebhook } from './webhook-signing';

export interface WebhookOptions {
  /** Where to POST, e.g. an SMS or chat gateway's incoming webhook. */
  url: string;
  /** Signs each payload with HMAC-SHA256 (see webhook-signing.ts) when given. */
  secret?: string | null | undefined;
  /** Only alarms this urgent or more (1 critical … 4 low). Default 2. */
  maxPriority?: number;
  logger: Logger;
  /** Attempts per notification before it is given up (logged). Default 6: 1 + 5 retries. */
  attempts?: number;
  /** First retry delay, doubled each time (less up to a fifth, so many notifiers do not retry in step). Default 1 s. */
  firstRetryMs?: number;
  timeoutMs?: number;
}

/** However many attempts are configured, no wait between two is longer. */
const MAX_RETRY_MS = 60_000;

/** What the webhook receives: the transition as the journal has it, plus a line to show. */
export interface WebhookPayload {
  kind: 'city-operations.alarm';
  /** The key and parameters, as the journal keeps them, for a receiver that words alarms itself. */
  message: AlarmMessage;
  /** A line to show as it is (an SMS), in Dutch and in English: the priority, then the rule's message. */
  text: Record<MessageLocale, string>;
  transition: AlarmTransition;
}

/** Each rule's message template, by rule id: what a webhook's text is worded from. */
export type MessageTemplates = ReadonlyMap<string, LocalizedText>;

/** For an alarm whose rule is not known here (deleted since, or the rules could not be read). */
const FALLBACK_TEMPLATE: LocalizedText = {
  nl: '{asset} {channel}: {value} {unit} (grens {limit} {unit})',
  en: '{asset} {channel}: {value} {unit} (limit {limit} {unit})',
};

/** The line a receiver shows, in each language, e.g. "P1 Gemaal Zeeburg: putniveau 2,71 m". */
export function webhookText(
  transition: Pick<AlarmTransition, 'priority' | 'message' | 'ruleId'>,
  templates: MessageTemplates,
): Record<MessageLocale, string> {
  const template = templates.get(transition.ruleId) ?? FALLBACK_TEMPLATE;
  const line = (locale: MessageLocale) =>
    `P${transition.priority} ${renderAlarmMessage(transition.message, textFor(template, locale), locale)}`;
  return { nl: line('nl'), en: line('en') };
}

/**
 * Tells people away from the control room: each urgent alarm that activates is POSTed as JSON, one
 * at a time in journal order, retried with exponential backoff while the receiver fails (a non-2xx
 * answer, a timeout, a refused connection). A notification that never gets through is logged, so
 * the journal and the log say who was not told.
 */
export class WebhookNotifier {
  private queue: Promise<void> = Promise.resolve();
  private readonly maxPriority: number;
  private readonly attempts: number;
  private readonly firstRetryMs: number;
  private readonly timeoutMs: number;
  private closed = false;
  readonly stats = { sent: 0, retries: 0, failed: 0 };

  constructor(private readonly options: WebhookOptions) {
    this.maxPriority = options.maxPriority ?? 2;
    this.attempts = options.attempts ?? 6;
    this.firstRetryMs = options.firstRetryMs ?? 1_000;
    this.timeoutMs = options.timeoutMs ?? 5_000;
  }

  /** Queues each urgent activation, its text worded from its rule's template in `templates`. */
  notify(transitions: readonly AlarmTransition[], templates: MessageTemplates = new Map()): void {
    for (const transition of transitions) {
      if (transition.event !== 'activated' || transition.priority > this.maxPriority) continue;
      const payload: WebhookPayload = {
        kind: 'city-operations.alarm',
        message: transition.message,
        text: webhookText(transition, templates),
        transition,
      };
      this.queue = this.queue.then(() => this.deliver(payload));
    }
  }

  /** Waits for what is queued (tests, shutdown). */
  drain(): Promise<void> {
    return this.queue;
  }

  close(): void {
    this.closed = true;
  }

  private async deliver(payload: WebhookPayload): Promise<void> {
    const { logger, url, secret } = this.options;
    for (let attempt = 1; attempt <= this.attempts && !this.closed; attempt++) {
      try {
        const response = await postWebhook(url, payload, { secret, timeoutMs: this.timeoutMs });
        if (response.ok) {
          this.stats.sent += 1;
          return;
        }
        logger.warn({ status: response.status, attempt }, 'alarm webhook refused a notification');
      } catch (error) {
        logger.warn(
          { err: error instanceof Error ? error.message : String(error), attempt },
          'alarm webhook unreachable',
        );
      }
      if (attempt < this.attempts) {
        this.stats.retries += 1;
        const delayMs = backoffDelay({ initialMs: this.firstRetryMs, maxMs: MAX_RETRY_MS }, attempt);
        await new Promise((resolve) => setTimeout(resolve, delayMs));
      }
    }
    this.stats.failed += 1;
    logger.error(
      { alarm: payload.transition.alarmId, seq: payload.transition.seq },
      'alarm notification given up',
    );
  }
}
