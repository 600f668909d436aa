import { createHash, randomBytes } from 'node:crypto';
import { createAdapter } from '@socket.io/postgres-adapter';
import pg from 'pg';
import type { Logger } from 'pino';
import type { TelemetryServer } from './realtime-server';

/** Used when no secret is given: instances in this process share rooms, no others. */
const PROCESS_SECRET = randomBytes(32).toString('hex');

/**
 * The prefix of the cluster's NOTIFY channels, from the deployment's secret. Any role may NOTIFY on
 * any channel it can name, and a packet there reaches every screen; a gateway's role cannot see other
 * sessions' statements (pg_stat_activity hides them), so it cannot learn this name. Hashed, so that a
 * secret of any length gives a channel name under PostgreSQL's 63 bytes.
 */
export function clusterChannelPrefix(secret: string): string {
  return `city-io-${createHash('sha256').update(`socket.io cluster:${secret}`).digest('hex').slice(0, 32)}`;
}

export interface ClusterOptions {
  url: string;
  /** The deployment's CLUSTER_SECRET; default one per process (see PROCESS_SECRET). */
  secret?: string | undefined;
}

/**
 * Several web instances behind one PostgreSQL server share their Socket.IO rooms through it
 * (@socket.io/postgres-adapter: NOTIFY, with a table for large packets). The only file here that
 * touches pg, on a small pool of its own.
 */
export function joinCluster(
  io: TelemetryServer,
  cluster: ClusterOptions,
  logger: Logger,
): () => Promise<void> {
  const pool = new pg.Pool({
    connectionString: cluster.url,
    max: 2,
    application_name: 'city-operations-socket-io',
  });
  pool.on('error', (error) => logger.warn({ err: error.message }, 'cluster adapter connection lost'));
  if (!cluster.secret)
    logger.info('no CLUSTER_SECRET: this process made one up, so only web instances inside it share screens');
  // Its table (socket_io_attachments) comes with the schema: migration 0007.
  io.adapter(
    createAdapter(pool, {
      channelPrefix: clusterChannelPrefix(cluster.secret ?? PROCESS_SECRET),
      errorHandler: (error) => logger.warn({ err: error.message }, 'cluster adapter error'),
    }),
  );
  return () => pool.end();
}
