import type { AlarmInstance } from './alarm-instance';
import { isUsable } from './condition';

/**
 * A channel's alarms as the engine meets each of its readings: the channel's own alarms, its
 * device's communications alarms, the newest source time seen, and the calm band, the values a
 * reading may take without any of the channel's alarms changing.
 *
 * Nearly every reading of a city lands in its channel's calm band: no limit is near, nothing is
 * active or being timed. Such a reading is settled here with two comparisons on one object, instead
 * of a visit to every alarm, its condition and its record, which at 10,000 readings a second costs
 * a cache miss each and was most of what the engine spent.
 */
export class ChannelAlarms {
  // In a typed array: a number field may hold its value boxed, and a new box for every reading, each
  // kept until the next one a second later, is garbage that outlives the young generation.
  private readonly newest = new Float64Array([Number.NEGATIVE_INFINITY]);
  private calmFrom = Number.POSITIVE_INFINITY;
  private calmTo = Number.NEGATIVE_INFINITY;
  private calm = false;

  constructor(
    readonly instances: readonly AlarmInstance[],
    /** The communications alarms of the channel's device, which any usable reading of it feeds. */
    readonly deviceComms: readonly AlarmInstance[] | undefined,
  ) {
    this.settle();
  }

  /** Source time of the newest live reading seen (not from a backlog): an older one is late, and never calm. */
  get newestAt(): number {
    return this.newest[0] ?? Number.NEGATIVE_INFINITY;
  }

  set newestAt(sourceTime: number) {
    this.newest[0] = sourceTime;
  }

  /**
   * Whether a reading in order changes none of the channel's own alarms. Never true when one of them
   * would change: `settle` must run after the alarms have seen a reading this said no to.
   */
  isCalm(value: number | null, statusCode: number): boolean {
    if (!this.calm) return false;
    if (!isUsable({ statusCode }) || value === null) return true;
    return value >= this.calmFrom && value <= this.calmTo;
  }

  /** Works out the calm band again from the alarms as they stand now. */
  settle(): void {
    let from = Number.NEGATIVE_INFINITY;
    let to = Number.POSITIVE_INFINITY;
    for (const instance of this.instances) {
      const band = instance.calmBand();
      if (band === undefined) {
        this.calm = false;
        return;
      }
      from = Math.max(from, band.from);
      to = Math.min(to, band.to);
    }
    this.calmFrom = from;
    this.calmTo = to;
    this.calm = from <= to;
  }
}
