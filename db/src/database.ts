/**
 * The one database interface every package uses. Two implementations sit behind it: a `pg` pool for
 * a PostgreSQL/TimescaleDB server, and the embedded PGlite-with-TimescaleDB instance. No vendor type
 * crosses this boundary.
 */
import type { CopyColumn, CopyValue } from './copy-binary';

export interface QueryResult<Row> {
  rows: Row[];
  rowCount: number;
}

export interface Queryable {
  /** One statement with $1-style parameters. */
  query<Row extends object = Record<string, unknown>>(
    text: string,
    params?: readonly unknown[],
  ): Promise<QueryResult<Row>>;
  /** Several statements without parameters, e.g. a migration file. */
  exec(sql: string): Promise<void>;
  /** Bulk-loads rows with a binary COPY; returns how many were stored. One failing row fails them all. */
  copyRows(
    table: string,
    columns: readonly CopyColumn[],
    rows: readonly (readonly CopyValue[])[],
  ): Promise<number>;
}

export type Backend = 'embedded' | 'postgres';

export type Unlisten = () => Promise<void>;

/**
 * Receives one notice. On a server, `senderPid` is the backend process id of the session that ran
 * NOTIFY: any role may NOTIFY on any channel, so a listener that acts on a notice's content asks
 * who sent it (see NoticeSenders). The embedded database has one in-process connection, so every
 * notice there is this process's own and carries no pid.
 */
export type NoticeHandler = (payload: string, senderPid?: number) => void;

export interface HeldLock {
  release(): Promise<void>;
}

export interface Database extends Queryable {
  readonly backend: Backend;
  /** Where the data lives, safe to log (no password). */
  readonly location: string;
  /** Runs fn inside BEGIN/COMMIT, rolling back if it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** LISTEN on a NOTIFY channel; the handler gets each payload and its sender. Survives reconnects on a server. */
  listen(channel: string, onNotice: NoticeHandler): Promise<Unlisten>;
  /**
   * Takes a session-level advisory lock, held on a connection of its own: one holder across every
   * process using this server (e.g. the one web instance that evaluates alarms). Null when another
   * holds it. `onLost` runs if that connection, and with it the lock, goes.
   */
  tryExclusiveLock(key: number, onLost: () => void): Promise<HeldLock | null>;
  /** Work to finish before the connection goes, e.g. flushing writes held back for batching. */
  beforeClose(hook: () => Promise<void>): void;
  close(): Promise<void>;
}
