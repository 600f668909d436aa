import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { type CopyColumn, copyTarget, encodeCopyBinary } from '../copy-binary';
import type { Database, HeldLock, Queryable, QueryResult } from '../database';
import { DbError, messageOf } from '../errors';
import type { Logger } from '../logger';
import { runCloseHooks } from './close-hooks';

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

async function copyRows(
  client: pg.Pool | pg.PoolClient,
  table: string,
  columns: readonly CopyColumn[],
  rows: Parameters<Queryable['copyRows']>[2],
): Promise<number> {
  const statement = `COPY ${copyTarget(table, columns)} FROM STDIN (FORMAT binary)`;
  const connection = client instanceof pg.Pool ? await client.connect() : client;
  try {
    const stream = connection.query(copyFrom(statement));
    await pipeline(Readable.from([encodeCopyBinary(columns, rows)]), stream);
    return stream.rowCount;
  } finally {
    if (connection !== client) (connection as pg.PoolClient).release();
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

export async function openPostgresDatabase(url: string, logger: Logger): Promise<Database> {
  const location = redactUrl(url);
  const pool = new pg.Pool({ connectionString: url, max: 8, application_name: 'city-operations' });
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
  const listener = new NotificationListener(url, logger);
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
      const held = await holdAdvisoryLock(url, key, onLost, logger);
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
  url: string,
  key: number,
  onLost: () => void,
  logger: Logger,
): Promise<HeldLock | null> {
  const client = new pg.Client({ connectionString: url, application_name: 'city-operations-lock' });
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

type NoticeHandler = (payload: string) => void;

/**
 * One dedicated connection carries every LISTEN. When it drops (server restart, network), it reconnects
 * with backoff and re-issues each LISTEN, so subscribers never have to notice.
 */
class NotificationListener {
  private readonly handlers = new Map<string, Set<NoticeHandler>>();
  private client: pg.Client | undefined;
  private connecting: Promise<pg.Client> | undefined;
  private closed = false;
  private retryTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly url: string,
    private readonly logger: Logger,
  ) {}

  async listen(channel: string, onNotice: NoticeHandler): Promise<() => Promise<void>> {
    let set = this.handlers.get(channel);
    if (!set) {
      set = new Set();
      this.handlers.set(channel, set);
      const client = await this.connection();
      await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    }
    set.add(onNotice);
    return async () => {
      const current = this.handlers.get(channel);
      current?.delete(onNotice);
      if (current && current.size === 0) {
        this.handlers.delete(channel);
        await this.client?.query(`UNLISTEN ${pg.escapeIdentifier(channel)}`).catch(() => {});
      }
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => {});
  }

  private connection(): Promise<pg.Client> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= this.connect().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  private async connect(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: this.url, application_name: 'city-operations-listen' });
    client.on('notification', (message) => {
      const payload = message.payload ?? '';
      for (const handler of this.handlers.get(message.channel) ?? []) {
        try {
          handler(payload);
        } catch (error) {
          this.logger.error({ err: messageOf(error), channel: message.channel }, 'notice handler failed');
        }
      }
    });
    // Until connected, failures arrive as the rejected connect(); afterwards as events.
    client.on('error', () => {});
    await client.connect();
    client.on('error', (error) => this.onLost(client, error));
    client.on('end', () => this.onLost(client, new Error('connection ended')));
    for (const channel of this.handlers.keys()) {
      await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    }
    this.client = client;
    return client;
  }

  private onLost(client: pg.Client, error: unknown, attempt = 1): void {
    // 'error' and 'end' both report one loss; only the first for the current connection counts.
    if (this.closed || (attempt === 1 && this.client !== client)) return;
    this.client = undefined;
    client.end().catch(() => {});
    const delayMs = Math.min(30_000, 250 * 2 ** Math.min(attempt, 7));
    this.logger.warn({ err: messageOf(error), retryInMs: delayMs }, 'LISTEN connection lost; reconnecting');
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      if (this.closed || this.handlers.size === 0) return;
      this.connection().then(
        () => this.logger.info({ channels: [...this.handlers.keys()] }, 'LISTEN connection restored'),
        (retryError: unknown) => this.onLost(client, retryError, attempt + 1),
      );
    }, delayMs);
  }
}
