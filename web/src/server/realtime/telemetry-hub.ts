import { mayAnnounce, type SenderScope } from '@city/db';
import type { LatestValue } from '@city/domain';
import type { Logger } from 'pino';
import { type NoticePart, parseReadingsNotice } from './notice';

/** How long the parts of a batch may trickle in before what has come is sent anyway. */
const BATCH_PARTS_WAIT_MS = 50;

/** A committed batch's changes, before they are put on the wire for each room. */
export interface HubFrame {
  values: LatestValue[];
  serverTime: number;
  seq: number;
}

export interface HubSnapshot {
  values: LatestValue[];
  serverTime: number;
}

export interface TelemetryHubOptions {
  logger: Logger;
  /** Receives each frame as soon as its notices are in; the web server's fan-out to rooms. */
  publish: (frame: HubFrame) => void;
  /** Clock, epoch ms. Default: Date.now. */
  now?: () => number;
  /** Sees every value of every notice, late ones included (the alarm engine). */
  observe?: (values: readonly LatestValue[]) => void;
}

export interface TelemetryHubStats {
  noticesAccepted: number;
  noticesRejected: number;
  /** Values dropped because their notice's sender may not write their channel (a forged notice). */
  valuesDropped: number;
  framesPublished: number;
  channels: number;
}

/**
 * Keeps the newest value per channel and turns each committed batch into a frame as soon as it is
 * in: a batch announced in several notices leaves once its last part has come, so it costs one
 * message per screen, not one per notice. Notices that arrive in the same read from the database
 * connection leave together, in the microtask after that read.
 */
/** A channel's newest value, the seq of the frame in which it last changed, and its place in that frame. */
interface Held {
  value: LatestValue;
  changedIn: number;
  inFrameAt: number;
}

export class TelemetryHub {
  private readonly latest = new Map<string, Held>();
  /** The next frame's values, one per channel: a channel's `Held` says where its value stands. */
  private pending: LatestValue[] = [];
  private readonly logger: Logger;
  private readonly publish: (frame: HubFrame) => void;
  private readonly now: () => number;
  private readonly observe: ((values: readonly LatestValue[]) => void) | undefined;
  private flushQueued = false;
  /** Batches whose parts are not all in yet, with how many are still to come. */
  private readonly partsToCome = new Map<string, number>();
  private partsTimer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;
  private readonly counters = {
    noticesAccepted: 0,
    noticesRejected: 0,
    valuesDropped: 0,
    framesPublished: 0,
  };

  constructor(options: TelemetryHubOptions) {
    this.logger = options.logger;
    this.publish = options.publish;
    this.now = options.now ?? Date.now;
    this.observe = options.observe;
  }

  /**
   * One raw NOTIFY payload. A malformed one is logged and skipped; it never throws. Given its
   * sender's scope, values for channels that sender may not write are dropped, counted and logged:
   * any role may NOTIFY, so a gateway's role could otherwise announce any channel (issue 13).
   */
  handleNotice(payload: string, sender?: SenderScope): void {
    const parsed = parseReadingsNotice(payload);
    if (!parsed.ok) {
      this.counters.noticesRejected += 1;
      this.logger.warn({ code: 'WEB_BAD_NOTICE', error: parsed.error }, 'skipped a readings notice');
      return;
    }
    const values = sender ? this.admitted(parsed.values, sender) : parsed.values;
    if (values.length === 0 && parsed.values.length > 0) return;
    this.counters.noticesAccepted += 1;
    try {
      this.observe?.(values);
    } catch (error) {
      this.logger.error({ code: 'WEB_OBSERVER_FAILED', err: error }, 'a notice observer failed');
    }
    if (parsed.batch) this.partArrived(parsed.batch);
    this.apply(values);
  }

  private admitted(values: LatestValue[], sender: SenderScope): LatestValue[] {
    if (sender.channels === null) return values;
    const kept = values.filter((value) => mayAnnounce(sender, value.channelId));
    const dropped = values.length - kept.length;
    if (dropped > 0) {
      this.counters.valuesDropped += dropped;
      this.logger.warn(
        {
          code: 'WEB_FORGED_NOTICE',
          role: sender.role,
          gateway: sender.gatewayId,
          dropped,
          channels: values
            .filter((value) => !kept.includes(value))
            .slice(0, 5)
            .map((value) => value.channelId),
        },
        'dropped readings announced by a role that may not write their channels',
      );
    }
    return kept;
  }

  /**
   * Merges values into the latest state. A value older (by source time) than the one held is
   * ignored, so a late notice or the initial database load cannot move a channel back in time.
   */
  apply(values: readonly LatestValue[]): void {
    if (this.closed) return;
    // Nothing publishes between here and the flush, so these values leave in the next frame.
    const seq = this.counters.framesPublished + 1;
    for (const value of values) {
      const held = this.latest.get(value.channelId);
      if (held === undefined) {
        const inFrameAt = this.pending.push(value) - 1;
        this.latest.set(value.channelId, { value: { ...value }, changedIn: seq, inFrameAt });
        continue;
      }
      if (held.value.sourceTime > value.sourceTime) continue;
      // Updated in place: a copy per change would outlive a few collections and fill the old
      // generation with garbage at 10,000 changes a second. Frames carry the new objects.
      held.value.value = value.value;
      held.value.statusCode = value.statusCode;
      held.value.sourceTime = value.sourceTime;
      held.value.serverTime = value.serverTime;
      if (held.changedIn === seq) this.pending[held.inFrameAt] = value;
      else {
        held.changedIn = seq;
        held.inFrameAt = this.pending.push(value) - 1;
      }
    }
    this.scheduleFlush();
  }

  private partArrived({ id, part, parts }: NoticePart): void {
    const toCome = (this.partsToCome.get(id) ?? parts) - 1;
    if (toCome > 0 && part < parts) this.partsToCome.set(id, toCome);
    else this.partsToCome.delete(id);
  }

  private scheduleFlush(): void {
    if (this.pending.length === 0 || this.flushQueued) return;
    if (this.partsToCome.size > 0) {
      // A part PostgreSQL did not deliver, or another writer's batch interleaved: never wait long.
      this.partsTimer ??= setTimeout(() => {
        this.partsTimer = undefined;
        this.partsToCome.clear();
        this.scheduleFlush();
      }, BATCH_PARTS_WAIT_MS);
      return;
    }
    clearTimeout(this.partsTimer);
    this.partsTimer = undefined;
    this.flushQueued = true;
    queueMicrotask(() => this.flushFrame());
  }

  snapshot(): HubSnapshot {
    return { values: Array.from(this.latest.values(), (held) => held.value), serverTime: this.now() };
  }

  /** The newest value of every channel that changed in a frame after `seq`: what a screen held back missed. */
  newestSince(seq: number): LatestValue[] {
    const values: LatestValue[] = [];
    for (const held of this.latest.values()) if (held.changedIn > seq) values.push(held.value);
    return values;
  }

  get stats(): TelemetryHubStats {
    return { ...this.counters, channels: this.latest.size };
  }

  /** Publishes nothing more; changes not yet sent are dropped (clients get a snapshot on reconnect). */
  close(): void {
    this.closed = true;
    this.pending = [];
    clearTimeout(this.partsTimer);
  }

  private flushFrame(): void {
    this.flushQueued = false;
    if (this.closed || this.pending.length === 0) return;
    this.counters.framesPublished += 1;
    const seq = this.counters.framesPublished;
    const frame: HubFrame = { values: this.pending, serverTime: this.now(), seq };
    this.pending = [];
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
