import type { LatestValue } from '@city/db/domain';
import type { Logger } from 'pino';
import type { TelemetryFrame, TelemetrySnapshot } from '../../shared/contract';
import { parseReadingsNotice } from './notice';

export interface TelemetryHubOptions {
  logger: Logger;
  /** Receives each frame as soon as its notices are in; the web server's fan-out to rooms. */
  publish: (frame: TelemetryFrame) => void;
  /** Clock, epoch ms. Default: Date.now. */
  now?: () => number;
  /** Sees every value of every notice, late ones included (the alarm engine). */
  observe?: (values: readonly LatestValue[]) => void;
}

export interface TelemetryHubStats {
  noticesAccepted: number;
  noticesRejected: number;
  framesPublished: number;
  channels: number;
}

/**
 * Keeps the newest value per channel and turns each committed batch (one NOTIFY) into a frame at
 * once. Notices that arrive in the same read from the database connection leave as one frame, in
 * the microtask after that read: no time is added, and a burst costs one message per screen, not one
 * per notice.
 */
export class TelemetryHub {
  private readonly latest = new Map<string, LatestValue>();
  private readonly pending = new Map<string, LatestValue>();
  /** The seq of the frame in which each channel last changed. */
  private readonly changedIn = new Map<string, number>();
  private readonly logger: Logger;
  private readonly publish: (frame: TelemetryFrame) => void;
  private readonly now: () => number;
  private readonly observe: ((values: readonly LatestValue[]) => void) | undefined;
  private flushQueued = false;
  private closed = false;
  private readonly counters = { noticesAccepted: 0, noticesRejected: 0, framesPublished: 0 };

  constructor(options: TelemetryHubOptions) {
    this.logger = options.logger;
    this.publish = options.publish;
    this.now = options.now ?? Date.now;
    this.observe = options.observe;
  }

  /** One raw NOTIFY payload. A malformed one is logged and skipped; it never throws. */
  handleNotice(payload: string): void {
    const parsed = parseReadingsNotice(payload);
    if (!parsed.ok) {
      this.counters.noticesRejected += 1;
      this.logger.warn({ code: 'WEB_BAD_NOTICE', error: parsed.error }, 'skipped a readings notice');
      return;
    }
    this.counters.noticesAccepted += 1;
    try {
      this.observe?.(parsed.values);
    } catch (error) {
      this.logger.error({ code: 'WEB_OBSERVER_FAILED', err: error }, 'a notice observer failed');
    }
    this.apply(parsed.values);
  }

  /**
   * Merges values into the latest state. A value older (by source time) than the one held is
   * ignored, so a late notice or the initial database load cannot move a channel back in time.
   */
  apply(values: readonly LatestValue[]): void {
    if (this.closed) return;
    for (const value of values) {
      const held = this.latest.get(value.channelId);
      if (held && held.sourceTime > value.sourceTime) continue;
      // The held object is updated in place: a copy per change would outlive a few collections and
      // fill the old generation with garbage at 10,000 changes a second. Frames carry the new ones.
      if (held) Object.assign(held, value);
      else this.latest.set(value.channelId, { ...value });
      this.pending.set(value.channelId, value);
    }
    if (this.pending.size > 0 && !this.flushQueued) {
      this.flushQueued = true;
      queueMicrotask(() => this.flushFrame());
    }
  }

  snapshot(): TelemetrySnapshot {
    return { values: [...this.latest.values()], serverTime: this.now() };
  }

  /** The newest value of every channel that changed in a frame after `seq`: what a screen held back missed. */
  newestSince(seq: number): LatestValue[] {
    const values: LatestValue[] = [];
    for (const [channelId, value] of this.latest) {
      if ((this.changedIn.get(channelId) ?? 0) > seq) values.push(value);
    }
    return values;
  }

  get stats(): TelemetryHubStats {
    return { ...this.counters, channels: this.latest.size };
  }

  /** Publishes nothing more; changes not yet sent are dropped (clients get a snapshot on reconnect). */
  close(): void {
    this.closed = true;
    this.pending.clear();
  }

  private flushFrame(): void {
    this.flushQueued = false;
    if (this.closed || this.pending.size === 0) return;
    this.counters.framesPublished += 1;
    const seq = this.counters.framesPublished;
    for (const channelId of this.pending.keys()) this.changedIn.set(channelId, seq);
    const frame: TelemetryFrame = { values: [...this.pending.values()], serverTime: this.now(), seq };
    this.pending.clear();
    try {
      this.publish(frame);
    } catch (error) {
      this.logger.error(
        { code: 'WEB_FRAME_PUBLISH_FAILED', err: error },
        'could not publish a telemetry frame',
      );
    }
  }
}
