import type { LatestValue } from '@city/domain';
import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/contract';
import { toWire } from '../../shared/wire';
import { ALL_ROOM, type ChannelPlace, roomHolds, splitByRoom } from './rooms';
import type { HubFrame } from './telemetry-hub';

type TelemetryIo = Server<ClientToServerEvents, ServerToClientEvents>;
type Screen = Socket<ClientToServerEvents, ServerToClientEvents>;

/**
 * Screens that are held back from room broadcasts. Not under `telemetry:`, since a `watch` leaves
 * every room there and holding back is not something a screen chooses.
 */
export const BACKED_UP_ROOM = 'backed-up:telemetry';

export interface FanoutOptions {
  /** The newest value of each channel that changed in a frame after `seq` (the hub's). */
  newestSince: (seq: number) => readonly LatestValue[];
  /** A screen that reports `seen` is held back once a frame sent to it is this old and unreported. Default 1,000 ms. */
  seenLagMs?: number;
  /** Screens that caught up within this window share one catch-up broadcast per room. Default 25 ms. */
  catchUpWindowMs?: number;
  /** Clock, ms. Default: performance.now. */
  now?: () => number;
}

export interface FanoutStats {
  /** Screens held back now. */
  backedUp: number;
  /** Times any screen was held back since start. */
  holdBacks: number;
  /** Catch-up broadcasts (one per room per window) and the screens they reached. */
  catchUpFrames: number;
  catchUpScreens: number;
}

interface ScreenLink {
  socket: Screen;
  /** Packets in engine.io's write buffer, waiting behind a write the kernel has not taken yet. */
  queued: number;
  /** While held back: the last frame it was sent; it gets every channel changed after it. */
  heldAfterSeq: number | undefined;
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
 * taken, the screen is held back: it leaves the broadcasts (`except`) and only the seq of the last
 * frame it was sent is kept. When it reports what it was sent, or its connection drains, it gets the
 * newest value of each channel of its rooms that changed since, from the hub's one map: nothing is
 * held per screen, and screens that catch up together share one broadcast per room. The broadcasts
 * to the others never wait for it.
 */
export class TelemetryFanout {
  private readonly links = new Map<string, ScreenLink>();
  private readonly catchingUp = new Set<ScreenLink>();
  private catchUpTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly counters = { holdBacks: 0, catchUpFrames: 0, catchUpScreens: 0 };
  private readonly newestSince: (seq: number) => readonly LatestValue[];
  private readonly seenLagMs: number;
  private readonly catchUpWindowMs: number;
  private readonly now: () => number;
  private lastSeq = 0;

  constructor(
    private readonly io: TelemetryIo,
    private readonly placeOf: (channelId: string) => ChannelPlace | undefined,
    options: FanoutOptions,
  ) {
    this.newestSince = options.newestSince;
    this.seenLagMs = options.seenLagMs ?? 1_000;
    this.catchUpWindowMs = options.catchUpWindowMs ?? 25;
    this.now = options.now ?? (() => performance.now());
  }

  /** Starts following a screen's connection; it is forgotten when it disconnects. */
  attach(socket: Screen): void {
    const link: ScreenLink = {
      socket,
      queued: 0,
      heldAfterSeq: undefined,
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
    socket.once('disconnect', () => {
      this.links.delete(socket.id);
      this.catchingUp.delete(link);
    });
  }

  /** A screen about to get a fresh snapshot has nothing to catch up on before it. */
  resync(socket: Screen): void {
    const link = this.links.get(socket.id);
    if (link?.heldAfterSeq !== undefined) link.heldAfterSeq = this.lastSeq;
  }

  publish(frame: HubFrame): void {
    this.lastSeq = frame.seq;
    const now = this.now();
    const rooms = this.io.sockets.adapter.rooms;
    // Most screens watch everything; then no value needs its layer and district looked up.
    const placeOf = this.anyPlaceRoom(rooms.keys()) ? this.placeOf : () => undefined;
    const byRoom = splitByRoom(frame.values, placeOf, rooms.keys());
    for (const [room, values] of byRoom) {
      const members = rooms.get(room);
      if (!members) continue;
      let heldBack = 0;
      for (const id of members) {
        const link = this.links.get(id);
        if (!link) continue;
        if (link.heldAfterSeq === undefined && this.behind(link, now)) this.holdBack(link, frame.seq - 1);
        if (link.heldAfterSeq !== undefined) heldBack += 1;
        else if (link.reportsSeen) {
          link.unseenSeqs.push(frame.seq);
          link.unseenSentAt.push(now);
        }
      }
      if (heldBack < members.size) {
        this.io.local
          .to(room)
          .except(BACKED_UP_ROOM)
          .emit('telemetry', {
            values: toWire(values, frame.serverTime),
            serverTime: frame.serverTime,
            seq: frame.seq,
          });
      }
    }
  }

  private anyPlaceRoom(rooms: Iterable<string>): boolean {
    for (const room of rooms) if (room.startsWith('telemetry:') && room !== ALL_ROOM) return true;
    return false;
  }

  get stats(): FanoutStats {
    let backedUp = 0;
    for (const link of this.links.values()) if (link.heldAfterSeq !== undefined) backedUp += 1;
    return { backedUp, ...this.counters };
  }

  /** Stops the catch-up timer (the server is closing). */
  close(): void {
    clearTimeout(this.catchUpTimer);
    this.catchingUp.clear();
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

  private holdBack(link: ScreenLink, lastSentSeq: number): void {
    link.heldAfterSeq = lastSentSeq;
    link.socket.join(BACKED_UP_ROOM);
    this.counters.holdBacks += 1;
  }

  /** The screen reported what it was sent, or its connection drained: it catches up in the next window. */
  private catchUp(link: ScreenLink): void {
    if (link.heldAfterSeq === undefined || this.behind(link, this.now())) return;
    this.catchingUp.add(link);
    this.catchUpTimer ??= setTimeout(() => {
      this.catchUpTimer = undefined;
      this.sendCatchUps();
    }, this.catchUpWindowMs);
  }

  /**
   * One broadcast per room to the screens catching up in it, with every channel of the room that
   * changed since the earliest of them was held back; each then rejoins the broadcasts.
   */
  private sendCatchUps(): void {
    const byRoom = new Map<string, { ids: string[]; afterSeq: number }>();
    for (const link of this.catchingUp) {
      for (const room of link.socket.rooms) {
        if (!room.startsWith('telemetry:')) continue;
        const group = byRoom.get(room) ?? { ids: [], afterSeq: Number.POSITIVE_INFINITY };
        group.ids.push(link.socket.id);
        group.afterSeq = Math.min(group.afterSeq, link.heldAfterSeq ?? this.lastSeq);
        byRoom.set(room, group);
      }
    }
    const now = this.now();
    for (const link of this.catchingUp) {
      link.heldAfterSeq = undefined;
      link.socket.leave(BACKED_UP_ROOM);
      if (link.reportsSeen) {
        link.unseenSeqs.push(this.lastSeq);
        link.unseenSentAt.push(now);
      }
    }
    this.catchingUp.clear();
    for (const [room, group] of byRoom) {
      const values = this.newestSince(group.afterSeq).filter((value) =>
        roomHolds(room, this.placeOf(value.channelId)),
      );
      if (values.length === 0) continue;
      this.counters.catchUpFrames += 1;
      this.counters.catchUpScreens += group.ids.length;
      const serverTime = Date.now();
      this.io.local
        .to(group.ids)
        .emit('telemetry', { values: toWire(values, serverTime), serverTime, seq: this.lastSeq });
    }
  }
}
