/**
 * Jittered exponential backoff for loops that retry on a timer: reconnects, retried writes, webhooks,
 * a browser reloading what failed. Browser-safe (no Node or vendor imports), so the browser, the web
 * server and the gateway share this one.
 */
export interface BackoffPolicy {
  /** The delay after the first failure. */
  initialMs: number;
  /** No delay is longer than this. */
  maxMs: number;
  /** How much longer each delay is than the one before. Default 2. */
  factor?: number;
  /**
   * The share of each delay left to chance, taken off it: 0.2 waits between 80 % and 100 % of the
   * exponential delay. Many clients that lost the same server at once then do not all come back in
   * the same millisecond, and no delay ever exceeds the exponential one or maxMs. Default 0.2.
   */
  jitter?: number;
}

/** The delay before retry number `attempt` (1 after the first failure); `random` gives [0, 1). */
export function backoffDelay(
  policy: BackoffPolicy,
  attempt: number,
  random: () => number = Math.random,
): number {
  const { initialMs, maxMs, factor = 2, jitter = 0.2 } = policy;
  // Past the cap the exponent no longer matters; bounding it keeps the power finite.
  const steps = Math.min(Math.max(attempt, 1) - 1, 64);
  const exponential = Math.min(maxMs, initialMs * factor ** steps);
  const share = Math.min(Math.max(jitter, 0), 1);
  return Math.round(exponential * (1 - share * random()));
}

/** The backoff of one retrying loop: `next()` after each failure, `reset()` after a success. */
export class Backoff {
  private failed = 0;

  constructor(
    private readonly policy: BackoffPolicy,
    private readonly random: () => number = Math.random,
  ) {}

  /** Failures since the last success. */
  get failures(): number {
    return this.failed;
  }

  /** Counts one more failure and says how long to wait before the next try. */
  next(): number {
    this.failed += 1;
    return backoffDelay(this.policy, this.failed, this.random);
  }

  reset(): void {
    this.failed = 0;
  }
}
