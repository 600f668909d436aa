import type { LatestValue } from '@city/db/domain';
import type { Logger } from 'pino';
import {
  TELEMETRY_FRAME_INTERVAL_MS,
  type TelemetryFrame,
  type TelemetrySnapshot,
} from '../../shared/contract';
import { parseReadingsNotice } from './notice';

export interface TelemetryHubOptions {
  logger: Logger;
  /** Receives each coalesced frame; the Socket.IO broadcast in the web server. */
  publish: (frame: TelemetryFrame) => void;
  /** Minimum time between two frames. Default: TELEMETRY_FRAME_INTERVAL_MS (250 ms). */
  frameIntervalMs?: number;
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
 * Keeps the newest value per channel and turns the stream of NOTIFY payloads into frames.
 * The first change after a quiet spell leaves at once (low latency); changes that follow within
 * the frame interval are coalesced into one frame that carries only the newest value per channel.
 */
export class TelemetryHub {
  private readonly latest = new Map<string, LatestValue>();
  private readonly pending = new Map<string, LatestValue>();
  private readonly logger: Logger;
  private readonly publish: (frame: TelemetryFrame) => void;
  private readonly frameIntervalMs: number;
  private readonly now: () => number;
  private readonly observe: ((values: readonly LatestValue[]) => void) | undefined;
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  private lastFrameAt = Number.NEGATIVE_INFINITY;
  private closed = false;
  private readonly counters = { noticesAccepted: 0, noticesRejected: 0, framesPublished: 0 };

  constructor(options: TelemetryHubOptions) {
    this.logger = options.logger;
    this.publish = options.publish;
    this.frameIntervalMs = options.frameIntervalMs ?? TELEMETRY_FRAME_INTERVAL_MS;
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
      this.latest.set(value.channelId, value);
      this.pending.set(value.channelId, value);
    }
    if (this.pending.size > 0) this.scheduleFrame();
  }

  snapshot(): TelemetrySnapshot {
    return { values: [...this.latest.values()], serverTime: this.now() };
  }

  get stats(): TelemetryHubStats {
    return { ...this.counters, channels: this.latest.size };
  }

  /** Stops the frame timer; pending changes are dropped (clients get a snapshot on reconnect). */
  close(): void {
    this.closed = true;
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    this.pending.clear();
  }

  private scheduleFrame(): void {
    if (this.flushTimer) return;
    const wait = this.lastFrameAt + this.frameIntervalMs - this.now();
    if (wait <= 0) {
      this.flushFrame();
      return;
    }
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      this.flushFrame();
    }, wait);
  }

  private flushFrame(): void {
    if (this.pending.size === 0) return;
    const frame: TelemetryFrame = { values: [...this.pending.values()], serverTime: this.now() };
    this.pending.clear();
    this.lastFrameAt = frame.serverTime;
    this.counters.framesPublished += 1;
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
