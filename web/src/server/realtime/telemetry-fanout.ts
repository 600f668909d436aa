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

interface ScreenLink {
  socket: Screen;
  /** Packets in engine.io's write buffer, waiting behind a write the kernel has not taken yet. */
  queued: number;
  /** While held back: the newest value of each channel it watches, nothing older. */
  backlog: Map<string, LatestValue> | undefined;
}

/**
 * Sends each frame to its rooms: one Socket.IO room broadcast per room, so a frame is serialised
 * once per room (and engine.io frames it once for WebSocket), never once per screen.
 *
 * A screen that cannot keep up (a tablet on 3G) would otherwise make engine.io queue every frame for
 * it without bound. Once a whole frame waits behind a write its connection has not finished, the
 * screen is held back: it leaves the broadcasts (`except`), and its values merge into a map of the
 * newest value per channel, bounded by the channels it watches. When the connection drains it gets
 * that map as one frame and rejoins. The broadcast to the others never waits for it.
 */
export class TelemetryFanout {
  private readonly links = new Map<string, ScreenLink>();
  private readonly counters = { holdBacks: 0, catchUpFrames: 0 };

  constructor(
    private readonly io: TelemetryIo,
    private readonly placeOf: (channelId: string) => ChannelPlace | undefined,
  ) {}

  /** Starts following a screen's connection; it is forgotten when it disconnects. */
  attach(socket: Screen): void {
    const link: ScreenLink = { socket, queued: 0, backlog: undefined };
    this.links.set(socket.id, link);
    const { conn } = socket;
    conn.on('packetCreate', () => {
      link.queued += 1;
    });
    conn.on('flush', () => {
      link.queued = 0;
    });
    conn.on('drain', () => this.catchUp(link));
    socket.once('disconnect', () => this.links.delete(socket.id));
  }

  /** A screen about to get a fresh snapshot needs none of what was held back for it. */
  resync(socket: Screen): void {
    this.links.get(socket.id)?.backlog?.clear();
  }

  publish(frame: TelemetryFrame): void {
    const rooms = this.io.sockets.adapter.rooms;
    const byRoom = splitByRoom(frame.values, this.placeOf, (room) => rooms.has(room));
    for (const [room, values] of byRoom) {
      const members = rooms.get(room);
      if (!members) continue;
      let heldBack = 0;
      for (const id of members) {
        const link = this.links.get(id);
        if (!link) continue;
        if (!link.backlog && link.queued > 0 && !link.socket.conn.transport.writable) this.holdBack(link);
        if (!link.backlog) continue;
        heldBack += 1;
        for (const value of values) link.backlog.set(value.channelId, value);
      }
      if (heldBack < members.size) {
        this.io.local
          .to(room)
          .except(BACKED_UP_ROOM)
          .emit('telemetry', { values, serverTime: frame.serverTime });
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

  private holdBack(link: ScreenLink): void {
    link.backlog = new Map();
    link.socket.join(BACKED_UP_ROOM);
    this.counters.holdBacks += 1;
  }

  /**
   * The connection handed its queue to the socket: the held-back values go next, as one frame, and
   * the screen rejoins the broadcasts. If it is still slow, the next frame holds it back again.
   */
  private catchUp(link: ScreenLink): void {
    const backlog = link.backlog;
    if (!backlog) return;
    link.backlog = undefined;
    link.socket.leave(BACKED_UP_ROOM);
    if (backlog.size === 0) return;
    this.counters.catchUpFrames += 1;
    link.socket.emit('telemetry', { values: [...backlog.values()], serverTime: Date.now() });
  }
}
