import { committedValues, type Database, NoticeSenders, type SenderScope } from '@city/db';
import type { Logger } from 'pino';
import { parseReadingsNotice } from './notice';

export interface NoticeGateOptions {
  db: Database;
  logger: Logger;
  /** Where a notice goes once its sender is known: the hub, which drops what the sender may not write. */
  deliver: (payload: string, sender: SenderScope | undefined) => void;
  senders?: NoticeSenders;
}

interface Waiting {
  payload: string;
  pid: number;
}

/**
 * Tells the hub who sent each readings notice (issue 13: any role may NOTIFY on any channel, so a
 * stolen gateway's role could announce the whole city). The sender's backend pid is mapped to its
 * role's channels once and cached: the fast path reads nothing per notice. Notices of a sender not
 * looked up yet wait, and so do all after them, so values still arrive in commit order.
 *
 * A sender whose session ended before it was looked up cannot be named; its values count only as far
 * as they are committed readings (read back, once). Without a pid (the embedded database, one
 * in-process connection) a notice is this process's own and passes as it is.
 */
export class NoticeGate {
  private readonly senders: NoticeSenders;
  private readonly waiting: Waiting[] = [];
  private draining = false;
  private closed = false;

  constructor(private readonly options: NoticeGateOptions) {
    this.senders = options.senders ?? new NoticeSenders(options.db);
  }

  receive(payload: string, pid: number | undefined): void {
    if (this.closed) return;
    const known = pid !== undefined && this.waiting.length === 0 ? this.senders.cached(pid) : undefined;
    if (pid === undefined || known) {
      this.options.deliver(payload, known);
      return;
    }
    this.waiting.push({ payload, pid });
    if (!this.draining) void this.drain();
  }

  close(): void {
    this.closed = true;
    this.waiting.length = 0;
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      for (let next = this.waiting.shift(); next && !this.closed; next = this.waiting.shift()) {
        const scope = await this.scopeOf(next);
        if (scope && !this.closed) this.options.deliver(next.payload, scope);
      }
    } finally {
      this.draining = false;
    }
  }

  private async scopeOf({ payload, pid }: Waiting): Promise<SenderScope | undefined> {
    try {
      return (
        this.senders.cached(pid) ??
        (await this.senders.lookUp(pid)) ??
        (await this.committedOnly(payload, pid))
      );
    } catch (error) {
      // The database is away: the next batch's notices bring these channels' values again.
      this.options.logger.warn(
        { code: 'WEB_NOTICE_SENDER_UNKNOWN', pid, err: error },
        'dropped a readings notice whose sender could not be looked up',
      );
      return undefined;
    }
  }

  /** The fallback for a sender already gone: only values that readings holds, as announced, pass. */
  private async committedOnly(payload: string, pid: number): Promise<SenderScope | undefined> {
    const parsed = parseReadingsNotice(payload);
    if (!parsed.ok) return { role: `(ended session ${pid})`, gatewayId: null, channels: new Set() };
    const found = await committedValues(this.options.db, parsed.values);
    const channels = new Set(parsed.values.filter((_, i) => found[i]).map((value) => value.channelId));
    return { role: `(ended session ${pid})`, gatewayId: null, channels };
  }
}
