import type { Server as HttpServer } from 'node:http';
import { type Database, latestValues } from '@city/db';
import { READINGS_NOTIFY_CHANNEL } from '@city/db/domain';
import type { Logger } from 'pino';
import { Server } from 'socket.io';
import { type ClientToServerEvents, type ServerToClientEvents, SOCKET_IO_PATH } from '../../shared/contract';
import { TelemetryHub } from './telemetry-hub';

export type TelemetryServer = Server<ClientToServerEvents, ServerToClientEvents>;

export interface Realtime {
  io: TelemetryServer;
  hub: TelemetryHub;
  /** Stops listening, disconnects every client and closes the HTTP server Socket.IO is attached to. */
  close(): Promise<void>;
}

/**
 * LISTEN → hub → Socket.IO. Listening starts before the initial load, so a reading committed in
 * between is not lost; the hub's newest-wins merge makes the overlap harmless.
 */
export async function startRealtime(options: {
  httpServer: HttpServer;
  db: Database;
  logger: Logger;
  /** Leave upgrade requests for other paths alone (Next's dev hot-reload socket). Default false. */
  keepForeignUpgrades?: boolean;
}): Promise<Realtime> {
  const logger = options.logger.child({ component: 'realtime' });
  const io: TelemetryServer = new Server(options.httpServer, {
    path: SOCKET_IO_PATH,
    serveClient: false,
    // A wall screen must show LINK LOST within seconds of a dropped link, not the default 45 s.
    pingInterval: 5_000,
    pingTimeout: 5_000,
    destroyUpgrade: !options.keepForeignUpgrades,
  });
  // Not volatile: a frame carries only changes, so a dropped one would leave a channel stale.
  const hub = new TelemetryHub({ logger, publish: (frame) => io.emit('telemetry', frame) });

  const unlisten = await options.db.listen(READINGS_NOTIFY_CHANNEL, (payload) => hub.handleNotice(payload));
  try {
    hub.apply(await latestValues(options.db));
  } catch (error) {
    await unlisten();
    hub.close();
    throw error;
  }

  io.on('connection', (socket) => {
    logger.debug({ socket: socket.id, transport: socket.conn.transport.name }, 'client connected');
    socket.emit('snapshot', hub.snapshot());
  });
  logger.info({ channels: hub.stats.channels, listen: READINGS_NOTIFY_CHANNEL }, 'realtime hub listening');

  return {
    io,
    hub,
    async close() {
      await unlisten().catch((error: unknown) => logger.warn({ err: error }, 'UNLISTEN failed'));
      hub.close();
      await new Promise<void>((resolve) => {
        io.close(() => resolve());
        // Keep-alive page and tRPC connections would otherwise hold server.close() open.
        options.httpServer.closeAllConnections();
      });
    },
  };
}
