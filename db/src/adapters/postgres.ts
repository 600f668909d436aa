import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { type CopyColumn, copyTarget, encodeCopyBinary } from '../copy-binary';
import type { Database, HeldLock, Queryable, QueryResult } from '../database';
import { DbError, messageOf } from '../errors';
import type { Logger } from '../logger';
import { runCloseHooks } from './close-hooks';
import { NotificationListener } from './notification-listener';

/** The URL with its password masked, so it can be logged. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}

/**
 * How long the server may take before a connection is taken for dead. Over a link that accepts
 * connections but never answers (a dead LTE link), nothing but these tells: TCP keepalive alone
 * takes the kernel's ~11 minutes, and only when no proxy or router answers for the server.
 */
export interface ServerTimeouts {
  /** A connection not ready for queries within this is given up. Default 10 s. */
  connectMs?: number | undefined;
  /**
   * A statement not answered within this fails and its connection is closed; the server is told the
   * same (statement_timeout), so a session it still holds for a link that died lets go of its locks.
   * Off by default: the maintenance jobs of a large city may run for minutes.
   */
  queryMs?: number | undefined;
}

const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

function connectionSettings(url: string, timeouts: ServerTimeouts): pg.ClientConfig {
  const { connectMs = DEFAULT_CONNECT_TIMEOUT_MS, queryMs } = timeouts;
  return {
    connectionString: url,
    connectionTimeoutMillis: connectMs,
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    ...(queryMs
      ? { query_timeout: queryMs, statement_timeout: queryMs, idle_in_transaction_session_timeout: queryMs }
      : {}),
  };
}

/** pg's own words when query_timeout ran out: the connection still waits for an answer and is spent. */
const timedOut = (error: unknown) => error instanceof Error && error.message === 'Query read timeout';

async function copyRows(
  client: pg.Pool | pg.PoolClient,
  table: string,
  columns: readonly CopyColumn[],
  rows: Parameters<Queryable['copyRows']>[2],
): Promise<number> {
  const statement = `COPY ${copyTarget(table, columns)} FROM STDIN (FORMAT binary)`;
  const connection = client instanceof pg.Pool ? await client.connect() : client;
  let failed: Error | undefined;
  try {
    const stream = connection.query(copyFrom(statement));
    await pipeline(Readable.from([encodeCopyBinary(columns, rows)]), stream);
    return stream.rowCount;
  } catch (error) {
    failed = error instanceof Error ? error : new Error(String(error));
    throw error;
  } finally {
    // A failed COPY may leave the connection mid-protocol: it is closed, not handed on.
    if (connection !== client) (connection as pg.PoolClient).release(failed);
  }
}

function wrap(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    copyRows: (table, columns, rows) => copyRows(client, table, columns, rows),
    async query<Row extends object>(text: string, params?: readonly unknown[]): Promise<QueryResult<Row>> {
      const result = await client.query<Row & pg.QueryResultRow>(text, params ? [...params] : undefined);
      return { rows: result.rows, rowCount: result.rowCount ?? result.rows.length };
    },
    async exec(sql: string): Promise<void> {
      // Without parameters pg uses the simple protocol, which accepts several statements.
      await client.query(sql);
    },
  };
}

export async function openPostgresDatabase(
  url: string,
  logger: Logger,
  timeouts: ServerTimeouts = {},
): Promise<Database> {
  const location = redactUrl(url);
  const settings = connectionSettings(url, timeouts);
  const pool = new pg.Pool({ ...settings, max: 8, application_name: 'city-operations' });
  // An idle client losing its connection emits 'error' on the pool; unhandled, that would kill the process.
  pool.on('error', (error) => logger.warn({ err: messageOf(error) }, 'idle database connection lost'));
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end().catch(() => {});
    throw new DbError(
      'CITY_DB_UNREACHABLE',
      `cannot reach PostgreSQL at ${location}: ${messageOf(error)}. Start the server, or fix DATABASE_URL (postgres://user:password@host:5432/database).`,
      { cause: error },
    );
  }
  logger.info({ url: location }, 'connected to PostgreSQL');
  const listener = new NotificationListener(settings, logger);
  const direct = wrap(pool);
  const closeHooks: (() => Promise<void>)[] = [];
  const locks = new Set<HeldLock>();
  return {
    backend: 'postgres',
    location,
    query: direct.query,
    exec: direct.exec,
    copyRows: direct.copyRows,
    async transaction(fn) {
      const client = await pool.connect();
      // A connection lost between two statements of the transaction is reported as an 'error' event
      // with no query to reject; unheard, it would end the process. The next statement then fails.
      let lost: Error | undefined;
      const onLost = (error: Error) => {
        lost = error;
        logger.warn({ err: messageOf(error) }, 'database connection lost during a transaction');
      };
      client.on('error', onLost);
      let broken = false;
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        // A timed-out statement still occupies the connection: a ROLLBACK would wait behind it.
        if (timedOut(error)) broken = true;
        else
          await client.query('ROLLBACK').catch(() => {
            broken = true;
          });
        throw error;
      } finally {
        client.off('error', onLost);
        // A connection that failed is closed rather than handed to the next caller.
        client.release(lost ?? broken);
      }
    },
    listen: (channel, onNotice) => listener.listen(channel, onNotice),
    async tryExclusiveLock(key, onLost) {
      const held = await holdAdvisoryLock(settings, key, onLost, logger);
      if (held) {
        locks.add(held);
        const release = held.release;
        held.release = async () => {
          locks.delete(held);
          await release();
        };
      }
      return held;
    },
    beforeClose: (hook) => {
      closeHooks.push(hook);
    },
    async close() {
      await runCloseHooks(closeHooks, logger);
      await Promise.all([...locks].map((lock) => lock.release()));
      await listener.close();
      await pool.end();
    },
  };
}

/**
 * A session-level advisory lock lives as long as its connection: a connection of its own, so that no
 * pooled query can release it, and so that a crashed holder's lock goes with its connection.
 */
async function holdAdvisoryLock(
  settings: pg.ClientConfig,
  key: number,
  onLost: () => void,
  logger: Logger,
): Promise<HeldLock | null> {
  const client = new pg.Client({ ...settings, application_name: 'city-operations-lock' });
  let released = false;
  const lost = () => {
    if (released) return;
    released = true;
    logger.warn({ key }, 'lost the connection holding an advisory lock');
    onLost();
  };
  client.on('error', lost);
  try {
    await client.connect();
    const { rows } = await client.query<{ held: boolean }>('SELECT pg_try_advisory_lock($1) AS held', [key]);
    if (!rows[0]?.held) {
      released = true;
      await client.end();
      return null;
    }
  } catch (error) {
    released = true;
    await client.end().catch(() => {});
    throw error;
  }
  client.on('end', lost);
  return {
    async release() {
      if (released) return;
      released = true;
      await client.query('SELECT pg_advisory_unlock($1)', [key]).catch(() => {});
      await client.end().catch(() => {});
    },
  };
}
