import { type AlarmRule, StatusCode, severityOf } from '@city/domain';

/** One reading as the evaluator sees it. Times are source times, epoch ms. */
export interface Sample {
  value: number | null;
  statusCode: number;
  sourceTime: number;
}

/**
 * Whether a rule's condition holds, with hysteresis: once true, a high condition stays true until the
 * value is below limit − deadband (a low one until above limit + deadband), so a signal hovering at
 * the limit makes one excursion, not one per wobble. Rate of change is per minute, in the channel's
 * unit, compared in absolute value. No-data is decided by the clock, not by samples (see `setSilent`).
 */
export class ConditionTracker {
  private holding = false;
  // Kept as numbers, and only for rate of change: holding each sample object for a second would
  // promote 10,000 of them a second into the old generation.
  private previousValue = Number.NaN;
  private previousTime = Number.NaN;

  constructor(private readonly rule: Pick<AlarmRule, 'kind' | 'limit' | 'deadband'>) {}

  get holds(): boolean {
    return this.holding;
  }

  /** Updates the condition from a sample; a sample of bad or stale quality says nothing and is skipped. */
  update(sample: Sample): boolean {
    if (!isUsable(sample) || sample.value === null) return this.holding;
    const measure =
      this.rule.kind === 'rate-of-change'
        ? this.ratePerMinute(sample.value, sample.sourceTime)
        : sample.value;
    if (measure === undefined) return this.holding;
    const { limit, deadband } = this.rule;
    const upward = this.rule.kind !== 'low' && this.rule.kind !== 'low-low';
    this.holding = upward
      ? measure > (this.holding ? limit - deadband : limit)
      : measure < (this.holding ? limit + deadband : limit);
    return this.holding;
  }

  /** For no-data rules: silent when no usable sample came for `limit` seconds. */
  setSilent(silent: boolean): void {
    this.holding = silent;
  }

  private ratePerMinute(value: number, sourceTime: number): number | undefined {
    const previousValue = this.previousValue;
    const previousTime = this.previousTime;
    this.previousValue = value;
    this.previousTime = sourceTime;
    if (Number.isNaN(previousTime) || sourceTime <= previousTime) return undefined;
    const minutes = (sourceTime - previousTime) / 60_000;
    return Math.abs((value - previousValue) / minutes);
  }
}

/** A reading that says something about the process: not bad, and not a stale repeat. */
export function isUsable(sample: Pick<Sample, 'statusCode'>): boolean {
  return severityOf(sample.statusCode) !== 'bad' && sample.statusCode !== StatusCode.UncertainLastUsableValue;
}
