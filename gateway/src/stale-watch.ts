/**
 * Notices channels that stopped being refreshed: a reading of any quality refreshes; one that has
 * not come within maxAgeMs makes the channel stale, reported once per silence.
 */
export class StaleWatch {
  private readonly lastRefreshMs = new Map<string, number>();
  private readonly stale = new Set<string>();

  constructor(
    channelIds: Iterable<string>,
    private readonly maxAgeMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    const start = this.now();
    for (const channelId of channelIds) this.lastRefreshMs.set(channelId, start);
  }

  refreshed(readings: Iterable<{ channelId: string }>): void {
    const at = this.now();
    for (const { channelId } of readings) {
      this.lastRefreshMs.set(channelId, at);
      if (this.stale.size > 0) this.stale.delete(channelId);
    }
  }

  /** The channels that became stale since the last call. */
  newlyStale(): string[] {
    const now = this.now();
    const found: string[] = [];
    for (const [channelId, at] of this.lastRefreshMs) {
      if (now - at > this.maxAgeMs && !this.stale.has(channelId)) {
        this.stale.add(channelId);
        found.push(channelId);
      }
    }
    return found;
  }
}
