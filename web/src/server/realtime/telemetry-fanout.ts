import type { LatestValue } from '@city/db/domain';
import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents, TelemetryFrame } from '../../shared/contract';
import { type ChannelPlace, splitByRoom } from './rooms';

type TelemetryIo = Server<ClientToServerEvents, ServerToClientEvents>;
type Screen = Socket<ClientToServerEvents, ServerToClientEvents>;

/**
 * Screens that are held back from room broadcasts. Not under `telemetry:`, since a `watch` leaves
 * every room there and holding back is not something a screen chooses.
 */
export const BACKED_UP_ROOM = 'backed-up:telemetry';

export interface FanoutStats {
  /** Screens held back now. */
  backedUp: number;
  /** Values held for them together: at most the channels each one watches. */
  heldValues: number;
  /** Times any screen was held back since start. */
  holdBacks: number;
  /** Coalesced frames sent to screens that caught up. */
  catchUpFrames: number;
}

export interface FanoutOptions {
  /** A screen that reports `seen` is held back once a frame sent to it is this old and unreported. Default 1,000 ms. */
  seenLagMs?: number;
  /** Clock, ms. Default: performance.now. */
  now?: () => number;
}

interface ScreenLink {
  socket: Screen;
  /** Packets in engine.io's write buffer, waiting behind a write the kernel has not taken yet. */
  queued: number;
  /** While held back: the newest value of each channel it watches, nothing older. */
  backlog: Map<string, LatestValue> | undefined;
  /** Whether the screen reports `seen`; older clients do not, and are judged by their socket alone. */
  reportsSeen: boolean;
  /** Frames sent and not yet reported seen, oldest first: their seq and when they were sent. */
  unseenSeqs: number[];
  unseenSentAt: number[];
}

/**
 * Sends each frame to its rooms: one Socket.IO room broadcast per room, so a frame is serialised
 * once per room (and engine.io frames it once for WebSocket), never once per screen.
 *
 * A screen that cannot keep up (a tablet on 3G) would otherwise get every frame queued for it, in
 * engine.io and in the kernel's socket buffers (megabytes, so its values and even its heartbeats
 * arrive seconds late and it is dropped for a ping timeout). Once a frame sent to it is unreported
 * (`seen`) for seenLagMs, or a whole frame waits in engine.io behind a write the kernel has not
 * taken, the screen is held back: it leaves the broadcasts (`except`), and its values merge into a
 * map of the newest value per channel, bounded by the channels it watches. When it reports what it
 * was sent, or its connection drains, it gets that map as one frame and rejoins. The broadcast to
 * the others never waits for it.
 */
export class TelemetryFanout {
  private readonly links = new Map<string, ScreenLink>();
  private readonly counters = { holdBacks: 0, catchUpFrames: 0 };
  private readonly seenLagMs: number;
  private readonly now: () => number;
  private lastSeq = 0;

  constructor(
    private readonly io: TelemetryIo,
    private readonly placeOf: (channelId: string) => ChannelPlace | undefined,
    options: FanoutOptions = {},
  ) {
    this.seenLagMs = options.seenLagMs ?? 1_000;
    this.now = options.now ?? (() => performance.now());
  }

  /** Starts following a screen's connection; it is forgotten when it disconnects. */
  attach(socket: Screen): void {
    const link: ScreenLink = {
      socket,
      queued: 0,
      backlog: undefined,
      reportsSeen: false,
      unseenSeqs: [],
      unseenSentAt: [],
    };
    this.links.set(socket.id, link);
    const { conn } = socket;
    conn.on('packetCreate', () => {
      link.queued += 1;
    });
    conn.on('flush', () => {
      link.queued = 0;
    });
    conn.on('drain', () => this.catchUp(link));
    socket.on('seen', (seq) => {
      if (!Number.isSafeInteger(seq)) return;
      link.reportsSeen = true;
      let reported = 0;
      while (reported < link.unseenSeqs.length && (link.unseenSeqs[reported] ?? 0) <= seq) reported += 1;
      link.unseenSeqs.splice(0, reported);
      link.unseenSentAt.splice(0, reported);
      this.catchUp(link);
    });
    socket.once('disconnect', () => this.links.delete(socket.id));
  }

  /** A screen about to get a fresh snapshot needs none of what was held back for it. */
  resync(socket: Screen): void {
    this.links.get(socket.id)?.backlog?.clear();
  }

  publish(frame: TelemetryFrame): void {
    this.lastSeq = frame.seq;
    const now = this.now();
    const rooms = this.io.sockets.adapter.rooms;
    const byRoom = splitByRoom(frame.values, this.placeOf, (room) => rooms.has(room));
    for (const [room, values] of byRoom) {
      const members = rooms.get(room);
      if (!members) continue;
      let heldBack = 0;
      for (const id of members) {
        const link = this.links.get(id);
        if (!link) continue;
        if (!link.backlog && this.behind(link, now)) this.holdBack(link);
        if (link.backlog) {
          heldBack += 1;
          for (const value of values) link.backlog.set(value.channelId, value);
        } else if (link.reportsSeen) {
          link.unseenSeqs.push(frame.seq);
          link.unseenSentAt.push(now);
        }
      }
      if (heldBack < members.size) {
        this.io.local
          .to(room)
          .except(BACKED_UP_ROOM)
          .emit('telemetry', { values, serverTime: frame.serverTime, seq: frame.seq });
      }
    }
  }

  get stats(): FanoutStats {
    let backedUp = 0;
    let heldValues = 0;
    for (const link of this.links.values()) {
      if (!link.backlog) continue;
      backedUp += 1;
      heldValues += link.backlog.size;
    }
    return { backedUp, heldValues, ...this.counters };
  }

  /**
   * Behind: a frame it was sent long ago is still unreported, or (for a screen that does not report)
   * a whole frame waits in engine.io behind a write the kernel has not taken.
   */
  private behind(link: ScreenLink, now: number): boolean {
    const oldestUnseen = link.unseenSentAt[0];
    if (oldestUnseen !== undefined && now - oldestUnseen > this.seenLagMs) return true;
    return link.queued > 0 && !link.socket.conn.transport.writable;
  }

  private holdBack(link: ScreenLink): void {
    link.backlog = new Map();
    link.socket.join(BACKED_UP_ROOM);
    this.counters.holdBacks += 1;
  }

  /**
   * The screen reported what it was sent, or its connection handed its queue to the socket: the
   * held-back values go next, as one frame, and the screen rejoins the broadcasts. If it is still
   * slow, a later frame holds it back again.
   */
  private catchUp(link: ScreenLink): void {
    const backlog = link.backlog;
    const now = this.now();
    if (!backlog || this.behind(link, now)) return;
    link.backlog = undefined;
    link.socket.leave(BACKED_UP_ROOM);
    if (backlog.size === 0) return;
    this.counters.catchUpFrames += 1;
    if (link.reportsSeen) {
      link.unseenSeqs.push(this.lastSeq);
      link.unseenSentAt.push(now);
    }
    link.socket.emit('telemetry', {
      values: [...backlog.values()],
      serverTime: Date.now(),
      seq: this.lastSeq,
    });
  }
}
