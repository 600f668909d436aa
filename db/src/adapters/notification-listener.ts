import pg from 'pg';
import { Backoff } from '../backoff';
import type { NoticeHandler } from '../database';
import { messageOf } from '../errors';
import type { Logger } from '../logger';

/** How long a connect may take when the settings name no limit (the pool's default). */
const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
/** How often the LISTEN connection, otherwise silent, proves it still reaches the server. */
const LISTEN_PING_MS = 30_000;

/**
 * One dedicated connection carries every LISTEN. When it drops (server restart, network), it reconnects
 * with backoff and re-issues each LISTEN, so subscribers never have to notice.
 */
export class NotificationListener {
  private readonly handlers = new Map<string, Set<NoticeHandler>>();
  private client: pg.Client | undefined;
  private connecting: Promise<pg.Client> | undefined;
  private closed = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private readonly reconnect = new Backoff({ initialMs: 500, maxMs: 30_000 });
  private readonly ping: NodeJS.Timeout;

  constructor(
    private readonly settings: pg.ClientConfig,
    private readonly logger: Logger,
  ) {
    this.ping = setInterval(() => this.proveAlive(), LISTEN_PING_MS);
    this.ping.unref();
  }

  async listen(channel: string, onNotice: NoticeHandler): Promise<() => Promise<void>> {
    let set = this.handlers.get(channel);
    if (!set) {
      set = new Set();
      this.handlers.set(channel, set);
      try {
        const client = await this.connection();
        await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      } catch (error) {
        // Not listening after all: the next listen() on this channel must try again.
        if (set.size === 0) this.handlers.delete(channel);
        throw error;
      }
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
    clearInterval(this.ping);
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
    const client = new pg.Client({ ...this.settings, application_name: 'city-operations-listen' });
    client.on('notification', (message) => {
      const payload = message.payload ?? '';
      for (const handler of this.handlers.get(message.channel) ?? []) {
        try {
          // The sender's backend pid lets a listener tell who announced what (see NoticeHandler).
          handler(payload, message.processId);
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

  /** A connection across a dead link hears no NOTIFY and reports no error: only a question shows it. */
  private proveAlive(): void {
    const client = this.client;
    if (!client || this.closed) return;
    const timeoutMs = Number(this.settings.connectionTimeoutMillis ?? DEFAULT_CONNECT_TIMEOUT_MS);
    let timer: NodeJS.Timeout | undefined;
    const unanswered = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    Promise.race([client.query('SELECT 1'), unanswered])
      .catch((error: unknown) => this.onLost(client, error))
      .finally(() => clearTimeout(timer));
  }

  private onLost(client: pg.Client, error: unknown, attempt = 1): void {
    // 'error' and 'end' both report one loss; only the first for the current connection counts.
    if (this.closed || (attempt === 1 && this.client !== client)) return;
    this.client = undefined;
    client.end().catch(() => {});
    if (attempt === 1) this.reconnect.reset();
    const delayMs = this.reconnect.next();
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
