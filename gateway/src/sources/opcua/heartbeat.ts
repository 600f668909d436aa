import type { Reading } from '@city/domain';

/**
 * Kept as primitives and updated in place: at 10,000 changes a second, holding on to each reading
 * (or a new record per change) would push them all into the old generation and grow RSS by ~50 MB.
 */
interface Heard {
  value: number | null;
  statusCode: number;
  timeMs: number;
  /** When it was last stored (the gateway's clock, epoch ms). */
  storedAtMs: number;
}

/**
 * OPC UA subscriptions report changes only, so a value that holds still (a dry day's rain, a start
 * level nobody touched) would go unrecorded for hours and look like a dead device. While the
 * subscription is demonstrably alive (it published or kept alive), a change would have been
 * reported, so the last value still holds: it is stored again every heartbeatMs, as a Modbus poll
 * with a deadband does. Gap and stale markers are never repeated; the next server value restarts it.
 */
export class UnchangedRepeater {
  private readonly heard = new Map<string, Heard>();

  constructor(private readonly heartbeatMs: number) {}

  /** A value the server sent (a change or a read), stored at storedAtMs. */
  fromServer(reading: Reading, storedAtMs: number): void {
    const held = this.heard.get(reading.channelId);
    const timeMs = reading.sourceTime.getTime();
    if (!held) {
      this.heard.set(reading.channelId, {
        value: reading.value,
        statusCode: reading.statusCode,
        timeMs,
        storedAtMs,
      });
      return;
    }
    held.value = reading.value;
    held.statusCode = reading.statusCode;
    held.timeMs = timeMs;
    held.storedAtMs = storedAtMs;
  }

  /** A gap or stale marker went out for this channel: nothing to repeat until the server speaks. */
  forget(channelId: string): void {
    this.heard.delete(channelId);
  }

  /**
   * The readings due again at nowMs among these channels, stamped nowMs, or 1 ms after the value
   * they repeat when a source clock runs ahead, so a repeat never takes its original's (channel, time).
   */
  due(channelIds: Iterable<string>, nowMs: number): Reading[] {
    const repeats: Reading[] = [];
    for (const channelId of channelIds) {
      const held = this.heard.get(channelId);
      if (!held || nowMs - held.storedAtMs < this.heartbeatMs) continue;
      held.timeMs = Math.max(nowMs, held.timeMs + 1);
      held.storedAtMs = nowMs;
      repeats.push({
        channelId,
        value: held.value,
        statusCode: held.statusCode,
        sourceTime: new Date(held.timeMs),
      });
    }
    return repeats;
  }
}
