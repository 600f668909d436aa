import type { Logger } from 'pino';
import type { Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/contract';
import type { Selection } from './rooms';
import { SelectionSchema } from './screen-access';

type Screen = Socket<ClientToServerEvents, ServerToClientEvents>;

/**
 * How often one socket may change what it watches. Each change costs a snapshot (about a megabyte
 * for the whole city) and a move between rooms, so a script looping `watch` could keep the server
 * serialising. A person clicking through layers stays inside the burst; after it, one change per
 * interval.
 */
export interface WatchLimit {
  burst: number;
  refillMs: number;
}

export const WATCH_LIMIT: WatchLimit = { burst: 5, refillMs: 2_000 };

/** A token bucket: `burst` tokens, one more every `refillMs`. */
export class TokenBucket {
  private tokens: number;
  private at: number;

  constructor(
    private readonly limit: WatchLimit,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = limit.burst;
    this.at = now();
  }

  /** Takes a token; or, when none is left, how many ms until one is. */
  take(): { ok: true } | { ok: false; retryAfterMs: number } {
    const now = this.now();
    this.tokens = Math.min(this.limit.burst, this.tokens + (now - this.at) / this.limit.refillMs);
    this.at = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfterMs: Math.ceil((1 - this.tokens) * this.limit.refillMs) };
  }
}

/**
 * Serves a socket's `watch` requests: a valid selection within the limit is watched; anything else
 * gets `watch-refused` naming the limit or the field, and the socket stays connected, watching what
 * it watched before.
 */
export function serveWatch(
  socket: Screen,
  watch: (selection: Selection) => void,
  logger: Logger,
  limit: WatchLimit = WATCH_LIMIT,
): void {
  const bucket = new TokenBucket(limit);
  socket.on('watch', (raw) => {
    const parsed = SelectionSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      logger.warn({ socket: socket.id, issues: parsed.error.issues }, 'refused a bad watch request');
      socket.emit('watch-refused', {
        reason: 'bad-selection',
        message: `${issue?.path.join('.') || 'selection'}: ${issue?.message ?? 'not a selection'}`,
        retryAfterMs: null,
      });
      return;
    }
    const token = bucket.take();
    if (token.ok) return watch(parsed.data);
    logger.debug({ socket: socket.id }, 'refused a watch change over the limit');
    socket.emit('watch-refused', {
      reason: 'too-often',
      message: `at most ${limit.burst} watch changes at once, then one every ${limit.refillMs / 1000} s; try again in ${(token.retryAfterMs / 1000).toFixed(1)} s`,
      retryAfterMs: token.retryAfterMs,
    });
  });
}
