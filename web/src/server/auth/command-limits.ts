/**
 * Rate limits for commands to the field, per user and per channel: a sliding window of recent
 * commands. A street light or a pump must not be toggled faster than it can sensibly follow, whoever
 * asks, and one account cannot flood the gateways.
 */
export interface CommandLimitPolicy {
  perUser: number;
  perChannel: number;
  windowMs: number;
}

export const DEFAULT_COMMAND_LIMITS: CommandLimitPolicy = { perUser: 20, perChannel: 6, windowMs: 60_000 };

export class CommandLimiter {
  private readonly recent = new Map<string, number[]>();

  constructor(
    private readonly policy: CommandLimitPolicy = DEFAULT_COMMAND_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes a slot for this user and channel, or says which limit is reached (and takes nothing). */
  take(user: string, channelId: string): { ok: true } | { ok: false; message: string; retryAfterS: number } {
    const now = this.now();
    const userKey = `u:${user}`;
    const channelKey = `c:${channelId}`;
    const byUser = this.window(userKey, now);
    const byChannel = this.window(channelKey, now);
    const { perUser, perChannel, windowMs } = this.policy;
    const full =
      byUser.length >= perUser
        ? { times: byUser, message: `at most ${perUser} commands a minute per user` }
        : byChannel.length >= perChannel
          ? { times: byChannel, message: `at most ${perChannel} commands a minute to ${channelId}` }
          : undefined;
    if (full) {
      const retryAfterS = Math.ceil(((full.times[0] ?? now) + windowMs - now) / 1000);
      return { ok: false, message: `${full.message}; try again in ${retryAfterS} s`, retryAfterS };
    }
    byUser.push(now);
    byChannel.push(now);
    this.recent.set(userKey, byUser);
    this.recent.set(channelKey, byChannel);
    return { ok: true };
  }

  private window(key: string, now: number): number[] {
    const times = (this.recent.get(key) ?? []).filter((t) => now - t < this.policy.windowMs);
    if (times.length === 0) this.recent.delete(key);
    return times;
  }
}
