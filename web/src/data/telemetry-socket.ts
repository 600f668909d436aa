import { io, type Socket } from 'socket.io-client';
import {
  type ClientHello,
  type ClientToServerEvents,
  type ServerToClientEvents,
  SOCKET_IO_PATH,
} from '../shared/contract';
import { reportSeenFrames } from '../shared/report-seen-frames';
import { reportSignedOut } from './session';

export type TelemetrySocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * Live values over Socket.IO. WebSocket first; long-polling only where a proxy blocks upgrades.
 * Reconnects forever with a capped back-off: a wall screen must heal by itself. A session that ends
 * ('session-ended', or a handshake refused as 'signed-out') is reported to the screen's session, which
 * shows it; the server disconnects such a socket and it does not come back by itself.
 */
export function connectTelemetry(hello: () => ClientHello, origin?: string): TelemetrySocket {
  const options = {
    // Read again on every reconnect: what the screen watches now, and the last alarm it saw.
    auth: (send: (data: object) => void) => send(hello()),
    path: SOCKET_IO_PATH,
    transports: ['websocket', 'polling'],
    reconnectionDelay: 500,
    reconnectionDelayMax: 5_000,
  };
  const socket: TelemetrySocket = origin ? io(origin, options) : io(options);
  reportSeenFrames(socket);
  socket.on('session-ended', (reason) => reportSignedOut(reason));
  socket.on('connect_error', (error) => {
    if (error.message === 'signed-out') reportSignedOut('expired');
  });
  return socket;
}
