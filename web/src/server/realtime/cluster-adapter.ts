import { createAdapter } from '@socket.io/postgres-adapter';
import pg from 'pg';
import type { Logger } from 'pino';
import type { TelemetryServer } from './realtime-server';

/**
 * Several web instances behind one PostgreSQL server share their Socket.IO rooms through it
 * (@socket.io/postgres-adapter: NOTIFY, with a table for large packets). The only file here that
 * touches pg, on a small pool of its own.
 */
export function joinCluster(io: TelemetryServer, url: string, logger: Logger): () => Promise<void> {
  const pool = new pg.Pool({ connectionString: url, max: 2, application_name: 'city-operations-socket-io' });
  pool.on('error', (error) => logger.warn({ err: error.message }, 'cluster adapter connection lost'));
  // Its table (socket_io_attachments) comes with the schema: migration 0007.
  io.adapter(
    createAdapter(pool, {
      errorHandler: (error) => logger.warn({ err: error.message }, 'cluster adapter error'),
    }),
  );
  return () => pool.end();
}
