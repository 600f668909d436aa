import { type AlarmRecord, alarmView, normalAlarmRecord, type TransitionToRecord } from '@city/db';
import {
  type Alarm,
  type AlarmEvent,
  type AlarmMessage,
  type AlarmMessageParams,
  type AlarmRule,
  type AlarmState,
  alarmIdOf,
  alarmMessageKey,
  alarmStateOf,
  MAX_SHELVE_MS,
  type ShelveKind,
} from '@city/domain';
import { ConditionTracker, isUsable, type Sample } from './condition';

/** What happened, before the journal gives it a seq. */
export interface Happened {
  event: AlarmEvent;
  at: number;
  actor: string | null;
  note: string | null;
  value: number | null;
  /** The alarm's state right after it: a later change in the same step (an unshelve on clearing) is not in it. */
  after: AlarmRecord;
}

/** An operator's action the alarm's state does not allow; the message says why and what would. */
export class AlarmActionError extends Error {
  override readonly name = 'AlarmActionError';
}

/** What an alarm's message says of its subject (a channel, or a gateway's or device's communications). */
export type AlarmSubject = Pick<AlarmMessageParams, 'asset' | 'assetId' | 'channel' | 'metric' | 'unit'>;

const SYSTEM = 'system';
/** What nearly every sample and tick brings: nothing, without an array allocated to say so. */
const NOTHING: readonly Happened[] = Object.freeze([]);

/**
 * One rule applied to one channel: ISA-18.2's lifecycle (normal → unacknowledged → acknowledged →
 * normal, or → returned-unacknowledged → normal) with shelving, suppression by design and out of
 * service laid over it. Time is source time: samples bring theirs, `tick` brings the clock for what
 * no sample will (on/off delays running out, no-data, shelves expiring). Pure: no I/O.
 */
export class AlarmInstance {
  readonly id: string;
  private readonly condition: ConditionTracker;
  private readonly historical: ConditionTracker;
  private historicalHeld = false;
  private conditionSince: number | null = null;
  private goneSince: number | null = null;
  private newestSampleAt = Number.NEGATIVE_INFINITY;
  private lastUsableAt: number;
  /** The newest usable reading's value: what an alarm the clock activates reports, not the record's older one. */
  private lastUsableValue: number | null = null;
  record: AlarmRecord;

  constructor(
    readonly rule: AlarmRule,
    readonly channelId: string,
    readonly subject: AlarmSubject,
    startedAt: number,
    saved?: AlarmRecord,
  ) {
    this.id = alarmIdOf(rule.id, channelId);
    this.condition = new ConditionTracker(rule);
    this.historical = new ConditionTracker(rule);
    this.lastUsableAt = startedAt;
    this.record = saved ?? normalAlarmRecord({ id: this.id, ruleId: rule.id, channelId }, this.message(null));
    // A saved active alarm starts with its condition holding, so it clears only when readings say so.
    if (this.record.active) this.condition.setSilent(true);
  }

  get state(): AlarmState {
    return alarmStateOf(this.record);
  }

  view(): Alarm {
    return alarmView(this.record, this.rule.priority);
  }

  /**
   * A reading. `late` marks one that arrived long after it was taken (a backlog after an outage): it
   * is older than what the alarm has seen, so it may not move the live state; if it would have
   * started an excursion, that is recorded as historical, once per excursion.
   */
  onSample(sample: Sample, late: boolean): readonly Happened[] {
    if (late || sample.sourceTime < this.newestSampleAt) {
      if (this.rule.kind === 'no-data') return NOTHING;
      const was = this.historicalHeld;
      this.historicalHeld = this.historical.update(sample);
      return !was && this.historicalHeld
        ? [this.happened('historical', sample.sourceTime, sample.value)]
        : NOTHING;
    }
    this.newestSampleAt = sample.sourceTime;
    if (!isUsable(sample)) return NOTHING;
    this.lastUsableAt = sample.sourceTime;
    this.lastUsableValue = sample.value;
    if (this.rule.kind === 'no-data') {
      this.condition.setSilent(false);
      return this.follow(sample.sourceTime, sample.value);
    }
    this.condition.update(sample);
    return this.follow(sample.sourceTime, sample.value);
  }

  /** What happened, with the state it left the alarm in, as the journal takes it. */
  journalEntry(h: Happened): TransitionToRecord {
    const { rule } = this;
    return {
      record: h.after,
      transition: {
        alarmId: this.id,
        ruleId: rule.id,
        channelId: this.channelId,
        event: h.event,
        state: alarmStateOf(h.after),
        priority: rule.priority,
        message: h.after.message,
        value: h.value,
        at: h.at,
        actor: h.actor,
        note: h.note,
      },
    };
  }

  /**
   * The values a usable reading in order may take and change nothing here but when it was seen
   * (`ChannelAlarms` lets such readings pass this alarm by): a limit alarm that is normal, with its
   * condition not holding, stays so on its side of the limit. None for an alarm that every reading
   * moves (rate of change, no-data), nor for one that holds or is active, whose delays and deadband
   * need each reading.
   */
  calmBand(): { from: number; to: number } | undefined {
    if (this.condition.holds || this.record.active) return undefined;
    const { kind, limit } = this.rule;
    if (kind === 'high' || kind === 'high-high') return { from: Number.NEGATIVE_INFINITY, to: limit };
    if (kind === 'low' || kind === 'low-low') return { from: limit, to: Number.POSITIVE_INFINITY };
    return undefined;
  }

  /**
   * Whether the clock alone can change it: an on- or off-delay being timed (the condition and the
   * alarm disagree), a no-data rule, or a timed shelve. Any other alarm changes only with a sample.
   */
  get waitsOnClock(): boolean {
    return (
      this.rule.kind === 'no-data' ||
      this.record.shelveKind === 'timed' ||
      this.condition.holds !== this.record.active
    );
  }

  /** The clock moved on: delays that ran out, a channel gone silent, a shelve that expired. */
  tick(now: number): readonly Happened[] {
    if (!this.waitsOnClock) return NOTHING;
    const happened: Happened[] = [];
    const r = this.record;
    if (r.shelveKind === 'timed' && r.shelvedUntil !== null && now >= r.shelvedUntil) {
      r.shelveKind = null;
      r.shelvedUntil = null;
      happened.push(this.happened('unshelved', now, r.value, SYSTEM, 'the shelve time ran out'));
    }
    if (this.rule.kind === 'no-data') {
      const silent = now - this.lastUsableAt > this.rule.limit * 1000;
      if (silent !== this.condition.holds) this.condition.setSilent(silent);
      if (silent && this.conditionSince === null && !r.active) {
        this.conditionSince = this.lastUsableAt + this.rule.limit * 1000;
      }
    }
    // A no-data alarm reports the last value heard; any other, the value that has held since.
    happened.push(...this.follow(now, r.active ? r.value : this.lastUsableValue, true));
    return happened;
  }

  acknowledge(actor: string, note: string, at: number): Happened[] {
    if (!note.trim())
      throw new AlarmActionError('an acknowledgement needs a note: say what was seen or done');
    if (this.record.acknowledged)
      throw new AlarmActionError(`${this.id} is ${this.state}: nothing to acknowledge`);
    this.record.acknowledged = true;
    return [this.happened('acknowledged', at, this.record.value, actor, note)];
  }

  shelve(kind: ShelveKind, until: number | null, actor: string, note: string, at: number): Happened[] {
    if (this.record.outOfServiceReason !== null) {
      throw new AlarmActionError(`${this.id} is out of service: return it to service before shelving it`);
    }
    if (kind === 'timed' && (until === null || until <= at || until - at > MAX_SHELVE_MS)) {
      throw new AlarmActionError(
        `a timed shelve needs an end within ${MAX_SHELVE_MS / 3_600_000} h from now; use one-shot to shelve until it clears`,
      );
    }
    this.record.shelveKind = kind;
    this.record.shelvedUntil = kind === 'timed' ? until : null;
    return [this.happened('shelved', at, this.record.value, actor, note)];
  }

  unshelve(actor: string, note: string | null, at: number): Happened[] {
    if (this.record.shelveKind === null) throw new AlarmActionError(`${this.id} is not shelved`);
    this.record.shelveKind = null;
    this.record.shelvedUntil = null;
    return [this.happened('unshelved', at, this.record.value, actor, note)];
  }

  removeFromService(reason: string, actor: string, at: number): Happened[] {
    if (!reason.trim())
      throw new AlarmActionError('out of service needs a reason, e.g. "sensor replaced, calibrating"');
    this.record.outOfServiceReason = reason;
    return [this.happened('removed-from-service', at, this.record.value, actor, reason)];
  }

  returnToService(actor: string, at: number): Happened[] {
    if (this.record.outOfServiceReason === null) throw new AlarmActionError(`${this.id} is in service`);
    this.record.outOfServiceReason = null;
    return [this.happened('returned-to-service', at, this.record.value, actor, null)];
  }

  /** Suppressed by design while `by` (a communications alarm) is active; null lifts it. */
  suppress(by: string | null, at: number): Happened[] {
    if (this.record.suppressedBy === by) return [];
    const lifting = by === null;
    this.record.suppressedBy = by;
    return [this.happened(lifting ? 'unsuppressed' : 'suppressed', at, this.record.value, SYSTEM, by)];
  }

  /** Runs the on- and off-delays from where the condition stands, at time `at`. */
  private follow(at: number, value: number | null, fromClock = false): readonly Happened[] {
    const r = this.record;
    const holds = this.condition.holds;
    if (holds) this.goneSince = null;
    else this.conditionSince = null;
    if (holds && !r.active) {
      this.conditionSince ??= at;
      if (at - this.conditionSince < this.rule.onDelayMs) return NOTHING;
      const activatedAt = fromClock ? this.conditionSince + this.rule.onDelayMs : at;
      r.active = true;
      r.acknowledged = false;
      r.activatedAt = activatedAt;
      r.value = value;
      r.message = this.message(value);
      return [this.happened('activated', activatedAt, value)];
    }
    if (!holds && r.active) {
      this.goneSince ??= at;
      if (at - this.goneSince < this.rule.offDelayMs) return NOTHING;
      const clearedAt = fromClock ? this.goneSince + this.rule.offDelayMs : at;
      r.active = false;
      r.clearedAt = clearedAt;
      if (!fromClock) r.value = value;
      const happened = [this.happened('cleared', clearedAt, r.value)];
      if (r.shelveKind === 'one-shot') {
        r.shelveKind = null;
        happened.push(
          this.happened(
            'unshelved',
            clearedAt,
            r.value,
            SYSTEM,
            'a one-shot shelve ends when the alarm clears',
          ),
        );
      }
      return happened;
    }
    if (holds && r.active && value !== null && !fromClock) r.value = value;
    return NOTHING;
  }

  /** The key and parameters a screen words the alarm from; stored as they are, never as a sentence. */
  private message(value: number | null): AlarmMessage {
    const { rule, subject } = this;
    return { key: alarmMessageKey(rule), params: { ruleId: rule.id, ...subject, value, limit: rule.limit } };
  }

  private happened(
    event: AlarmEvent,
    at: number,
    value: number | null,
    actor: string | null = null,
    note: string | null = null,
  ): Happened {
    return { event, at, actor, note, value, after: { ...this.record } };
  }
}
