import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/contract';
import { toWire } from '../../shared/wire';
import { type ChannelPlace, roomFor, type Selection, selects } from './rooms';
import type { HubSnapshot } from './telemetry-hub';

type TelemetryIo = Server<ClientToServerEvents, ServerToClientEvents>;
type Screen = Socket<ClientToServerEvents, ServerToClientEvents>;

export interface SnapshotSenderOptions {
  io: TelemetryIo;
  snapshot: () => HubSnapshot;
  placeOf: (channelId: string) => ChannelPlace | undefined;
  /** Told just before a screen joins its new rooms (the fan-out forgets what it held back). */
  beforeJoin: (socket: Screen) => void;
  /** Screens asking within this window share one snapshot per selection. Default 25 ms. */
  windowMs?: number;
}

/**
 * Puts a screen in the room of what it watches and sends it that room's snapshot, filtered by the
 * same rule as the frames (rooms.ts `selects`), so the two never disagree. A snapshot of the whole
 * city is about a megabyte of JSON; when a control room's screens all (re)connect at once, serialising
 * it for each of them filled the server's heap. Screens that ask within a short window and watch the
 * same thing share one broadcast. A screen joins its room in the same turn its snapshot is sent, so
 * it never sees a frame before the snapshot.
 */
export class SnapshotSender {
  private readonly waiting = new Map<string, { socket: Screen; selection: Selection }>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly options: SnapshotSenderOptions) {}

  request(socket: Screen, selection: Selection): void {
    this.waiting.set(socket.id, { socket, selection });
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.send();
    }, this.options.windowMs ?? 25);
  }

  close(): void {
    clearTimeout(this.timer);
    this.waiting.clear();
  }

  private send(): void {
    // Keyed by room: a room stands for one selection, whatever order the screen named it in.
    const groups = new Map<string, { selection: Selection; sockets: Screen[] }>();
    for (const { socket, selection } of this.waiting.values()) {
      if (!socket.connected) continue;
      const room = roomFor(selection);
      const group = groups.get(room) ?? { selection, sockets: [] };
      group.sockets.push(socket);
      groups.set(room, group);
    }
    this.waiting.clear();
    const snapshot = this.options.snapshot();
    for (const [room, { selection, sockets }] of groups) {
      for (const socket of sockets) {
        this.options.beforeJoin(socket);
        for (const joined of socket.rooms) if (joined.startsWith('telemetry:')) socket.leave(joined);
        socket.join(room);
      }
      const values = snapshot.values.filter((value) =>
        selects(selection, this.options.placeOf(value.channelId)),
      );
      this.options.io.local
        .to(sockets.map((socket) => socket.id))
        .emit('snapshot', { values: toWire(values, snapshot.serverTime), serverTime: snapshot.serverTime });
    }
  }
}
