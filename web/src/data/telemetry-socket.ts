import { io, type Socket } from 'socket.io-client';
import { type ClientToServerEvents, type ServerToClientEvents, SOCKET_IO_PATH } from '../shared/contract';
import { reportSeenFrames } from '../shared/report-seen-frames';

export type TelemetrySocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * Live values over Socket.IO. WebSocket first; long-polling only where a proxy blocks upgrades.
 * Reconnects forever with a capped back-off: a wall screen must heal by itself.
 */
export function connectTelemetry(origin?: string): TelemetrySocket {
  const options = {
    path: SOCKET_IO_PATH,
    transports: ['websocket', 'polling'],
    reconnectionDelay: 500,
    reconnectionDelayMax: 5_000,
  };
  const socket: TelemetrySocket = origin ? io(origin, options) : io(options);
  reportSeenFrames(socket);
  return socket;
}
