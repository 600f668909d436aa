import type { Reading } from '@city/domain';

interface Reported {
  value: number | null;
  statusCode: number;
  atMs: number;
}

/**
 * Decides which readings are worth a row when a deadband is set (Ignition's and OPC UA's "deadband"):
 * a change of quality always is; a value only when it moved more than the deadband from the last one
 * recorded, or when the heartbeat is due, so that an unchanged value still proves it is alive.
 * Channels without a deadband pass every reading.
 */
export class ReportFilter {
  private readonly last = new Map<string, Reported>();

  /** `deadbands`: channel id → absolute deadband in the point's unit. */
  constructor(
    private readonly deadbands: ReadonlyMap<string, number>,
    private readonly heartbeatMs: number,
  ) {}

  get active(): boolean {
    return this.deadbands.size > 0;
  }

  select(readings: readonly Reading[]): readonly Reading[] {
    if (!this.active) return readings;
    return readings.filter((reading) => this.worthRecording(reading));
  }

  private worthRecording(reading: Reading): boolean {
    const deadband = this.deadbands.get(reading.channelId);
    if (deadband === undefined) return true;
    const atMs = reading.sourceTime.getTime();
    const previous = this.last.get(reading.channelId);
    const record =
      !previous ||
      previous.statusCode !== reading.statusCode ||
      previous.value === null ||
      reading.value === null ||
      Math.abs(reading.value - previous.value) > deadband ||
      atMs - previous.atMs >= this.heartbeatMs;
    if (record)
      this.last.set(reading.channelId, { value: reading.value, statusCode: reading.statusCode, atMs });
    return record;
  }
}
