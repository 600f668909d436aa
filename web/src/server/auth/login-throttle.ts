/**
 * Progressive delay for sign-in attempts, per account and per address, never a lockout: an attacker
 * who could lock an account could lock operators out of the control room. Each attempt past the free
 * ones pushes that key's next allowed attempt further out (doubling, capped), and a right password
 * clears its address; attempts queue for their slot, so firing fifty at once gains nothing. An
 * account's own delay is capped lower than an address's, and never queues, so a real user at another
 * desk still gets in while someone hammers their name.
 */
export interface ThrottlePolicy {
  /** Attempts under one key allowed before any delay. */
  freeAttempts: number;
  firstDelayMs: number;
  maxAddressDelayMs: number;
  maxAccountDelayMs: number;
  /** A key with no attempt for this long is forgotten. */
  forgetAfterMs: number;
}

export const DEFAULT_THROTTLE: ThrottlePolicy = {
  freeAttempts: 3,
  firstDelayMs: 250,
  maxAddressDelayMs: 30_000,
  maxAccountDelayMs: 2_000,
  forgetAfterMs: 15 * 60_000,
};

interface KeyState {
  attempts: number;
  /** The earliest time the next attempt under this key may be checked. */
  nextSlot: number;
  lastAttempt: number;
}

const KEYS_LIMIT = 50_000;

export class LoginThrottle {
  private readonly keys = new Map<string, KeyState>();

  constructor(
    private readonly policy: ThrottlePolicy = DEFAULT_THROTTLE,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Counts an attempt and says how long it must wait before its password is checked. Attempts are
   * counted as they arrive, not as they fail, so fifty sent at once queue like fifty in a row.
   */
  reserve(account: string, address: string): number {
    const now = this.now();
    const { freeAttempts } = this.policy;
    let wait = 0;
    // From one address, and for one account from one address: attempts queue, each slot further out.
    for (const key of [`ip:${address}`, `pair:${account}|${address}`]) {
      const state = this.count(key, now);
      if (state.attempts <= freeAttempts) continue;
      const slot = Math.max(now, state.nextSlot);
      state.nextSlot = slot + this.delayFor(this.policy.maxAddressDelayMs, state.attempts);
      wait = Math.max(wait, slot - now);
    }
    // For one account from anywhere: a short delay, never a queue, so its owner still gets in.
    const byAccount = this.count(`a:${account}`, now);
    if (byAccount.attempts > freeAttempts)
      wait = Math.max(wait, this.delayFor(this.policy.maxAccountDelayMs, byAccount.attempts));
    return wait;
  }

  /** A right password: its address and pair start afresh, and the account's count gives the attempt back. */
  succeeded(account: string, address: string): void {
    this.keys.delete(`pair:${account}|${address}`);
    this.keys.delete(`ip:${address}`);
    const state = this.keys.get(`a:${account}`);
    if (state) state.attempts = Math.max(0, state.attempts - 1);
  }

  private count(key: string, now: number): KeyState {
    let state = this.keys.get(key);
    if (!state || now - state.lastAttempt > this.policy.forgetAfterMs)
      state = { attempts: 0, nextSlot: now, lastAttempt: now };
    state.attempts += 1;
    state.lastAttempt = now;
    this.keys.delete(key);
    this.keys.set(key, state);
    while (this.keys.size > KEYS_LIMIT) {
      const oldest = this.keys.keys().next().value;
      if (oldest === undefined) break;
      this.keys.delete(oldest);
    }
    return state;
  }

  private delayFor(cap: number, attempts: number): number {
    return Math.min(cap, this.policy.firstDelayMs * 2 ** (attempts - this.policy.freeAttempts - 1));
  }
}
