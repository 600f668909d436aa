import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/contract';
import { toWire } from '../../shared/wire';
import { type ChannelPlace, roomsFor, type Selection, selects } from './rooms';
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
 * Puts a screen in the rooms of what it watches and sends it their snapshot. A snapshot of the whole
 * city is about a megabyte of JSON; when a control room's screens all (re)connect at once, serialising
 * it for each of them filled the server's heap. Screens that ask within a short window and watch the
 * same thing share one broadcast. A screen joins its rooms in the same turn its snapshot is sent, so
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
    const groups = new Map<string, { selection: Selection; rooms: string[]; sockets: Screen[] }>();
    for (const { socket, selection } of this.waiting.values()) {
      if (!socket.connected) continue;
      const rooms = roomsFor(selection);
      const key = [...rooms].sort().join('\n');
      const group = groups.get(key) ?? { selection, rooms, sockets: [] };
      group.sockets.push(socket);
      groups.set(key, group);
    }
    this.waiting.clear();
    const snapshot = this.options.snapshot();
    for (const { selection, rooms, sockets } of groups.values()) {
      for (const socket of sockets) {
        this.options.beforeJoin(socket);
        for (const room of socket.rooms) if (room.startsWith('telemetry:')) socket.leave(room);
        socket.join(rooms);
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
