import {
  type AuditEntry,
  type Database,
  listAlarmRules,
  listAssets,
  listChannels,
  listGateways,
  loadAlarmRecords,
  type TransitionToRecord,
} from '@city/db';
import {
  type Alarm,
  type AlarmTransition,
  deviceCommsSubject,
  gatewayCommsSubject,
  type LatestValue,
  type ShelveKind,
  StatusCode,
} from '@city/domain';
import type { Logger } from 'pino';
import { indexAlarms } from './alarm-index';
import { AlarmActionError, type AlarmInstance, type Happened } from './alarm-instance';
import type { ChannelAlarms } from './channel-alarms';
import { isUsable } from './condition';
import { type ActionAudit, journalWithRetries } from './journal-writer';

/** A reading that reached the database this much later than it was taken came through a backlog. */
export const LATE_AFTER_MS = 30_000;
const GATEWAY_LOOK_EVERY_MS = 5_000;

export interface AlarmEngineOptions {
  db: Database;
  logger: Logger;
  /** Epoch ms. Default Date.now. */
  now?: () => number;
  /** Transitions once they are in the journal, with their seqs, in order. */
  onTransitions?: (transitions: AlarmTransition[]) => void;
  /** How often gateways' heartbeats are looked at. Default 5 s. */
  gatewayLookMs?: number;
}

export type { ActionAudit };
export { AlarmActionError };

/**
 * Evaluates every alarm rule against the live readings and keeps each alarm's lifecycle, journal and
 * state in the database. Evaluation is synchronous and in memory; writes are queued in order, and a
 * transition reaches `onTransitions` (the screens) only once it is in the journal with its seq.
 *
 * Communications: a gateway whose heartbeat stops (`scope: gateways` rules), or a device none of whose
 * channels gives a usable reading (`scope: devices`), raises one alarm, and every alarm on a channel
 * behind it is suppressed by design until it talks again.
 */
export class AlarmEngine {
  private byChannel = new Map<string, AlarmInstance[]>();
  private byId = new Map<string, AlarmInstance>();
  private gatewayOf = new Map<string, string>();
  private deviceOf = new Map<string, string>();
  private readingsOf = new Map<string, ChannelAlarms>();
  /**
   * The few alarms the clock alone can change (a delay being timed, no-data, a timed shelve): the
   * tick visits these, not all of them, since touching 10,000 instances a second costs a cache miss each.
   */
  private readonly onClock = new Set<AlarmInstance>();
  private readonly gatewaySeen = new Map<string, number>();
  private writing: Promise<void> = Promise.resolve();
  private lastGatewayLook = Number.NEGATIVE_INFINITY;
  private readonly now: () => number;

  private constructor(private readonly options: AlarmEngineOptions) {
    this.now = options.now ?? Date.now;
  }

  static async start(options: AlarmEngineOptions): Promise<AlarmEngine> {
    const engine = new AlarmEngine(options);
    await engine.reload();
    return engine;
  }

  /** Reads rules, channels and saved states again; a rule edited through the API takes effect at once. */
  async reload(): Promise<void> {
    const { db } = this.options;
    const [rules, channels, assets, gateways, records] = await Promise.all([
      listAlarmRules(db),
      listChannels(db),
      listAssets(db),
      listGateways(db),
      loadAlarmRecords(db),
    ]);
    await this.writing;
    const startedAt = this.now();
    const index = indexAlarms({ rules, channels, assets, gateways, records, previous: this.byId, startedAt });
    this.byChannel = index.byChannel;
    this.byId = index.byId;
    this.gatewayOf = index.gatewayOf;
    this.deviceOf = index.deviceOf;
    this.readingsOf = index.readingsOf;
    for (const gatewayId of index.watchedGateways) {
      this.gatewaySeen.set(gatewayId, this.gatewaySeen.get(gatewayId) ?? Number.NEGATIVE_INFINITY);
    }
    this.onClock.clear();
    for (const instance of this.byId.values()) if (instance.waitsOnClock) this.onClock.add(instance);
    // A communications rule edited or disabled may leave channel alarms suppressed by nothing: recompute.
    const items: TransitionToRecord[] = [];
    this.suppressBehind(items, startedAt);
    this.persist(items);
    this.options.logger.info({ rules: rules.length, alarms: this.byId.size }, 'alarm rules loaded');
  }

  /** Live readings, as the hub receives them. */
  onValues(values: readonly LatestValue[]): void {
    const items: TransitionToRecord[] = [];
    for (const value of values) {
      const channel = this.readingsOf.get(value.channelId);
      if (channel === undefined) continue;
      const backlog = value.serverTime - value.sourceTime > LATE_AFTER_MS;
      // Older than what the channel's alarms have seen live: it may not move their live state.
      const late = backlog || value.sourceTime < channel.newestAt;
      if (!late) channel.newestAt = value.sourceTime;
      if (late || !channel.isCalm(value.value, value.statusCode)) {
        const sample = { value: value.value, statusCode: value.statusCode, sourceTime: value.sourceTime };
        for (const instance of channel.instances)
          this.collect(items, instance, instance.onSample(sample, late));
        channel.settle();
      }
      // Any usable reading of a device's channel says the device still talks.
      if (channel.deviceComms && !backlog && isUsable(value)) {
        const heard = { value: 0, statusCode: StatusCode.Good, sourceTime: value.sourceTime };
        for (const instance of channel.deviceComms)
          this.collect(items, instance, instance.onSample(heard, false));
      }
    }
    this.persist(items);
  }

  /** Runs every second: delays, silences, shelves; gateways' heartbeats every few seconds. */
  async tick(): Promise<void> {
    const now = this.now();
    if (now - this.lastGatewayLook >= (this.options.gatewayLookMs ?? GATEWAY_LOOK_EVERY_MS)) {
      this.lastGatewayLook = now;
      await this.lookAtGateways();
    }
    const items: TransitionToRecord[] = [];
    for (const instance of [...this.onClock]) this.collect(items, instance, instance.tick(now));
    this.persist(items);
  }

  list(): Alarm[] {
    return [...this.byId.values()].map((instance) => instance.view());
  }

  get(alarmId: string): AlarmInstance {
    const instance = this.byId.get(alarmId);
    if (!instance)
      throw new AlarmActionError(`no alarm "${alarmId}"; alarm ids look like "<rule>@<channel>"`);
    return instance;
  }

  acknowledge(alarmId: string, actor: string, note: string, audit?: ActionAudit): Promise<Alarm> {
    return this.act(alarmId, (instance, at) => instance.acknowledge(actor, note, at), audit);
  }

  shelve(
    alarmId: string,
    kind: ShelveKind,
    durationMs: number | null,
    actor: string,
    note: string,
    audit?: ActionAudit,
  ): Promise<Alarm> {
    return this.act(
      alarmId,
      (instance, at) => instance.shelve(kind, durationMs === null ? null : at + durationMs, actor, note, at),
      audit,
    );
  }

  unshelve(alarmId: string, actor: string, note: string | null, audit?: ActionAudit): Promise<Alarm> {
    return this.act(alarmId, (instance, at) => instance.unshelve(actor, note, at), audit);
  }

  removeFromService(alarmId: string, reason: string, actor: string, audit?: ActionAudit): Promise<Alarm> {
    return this.act(alarmId, (instance, at) => instance.removeFromService(reason, actor, at), audit);
  }

  returnToService(alarmId: string, actor: string, audit?: ActionAudit): Promise<Alarm> {
    return this.act(alarmId, (instance, at) => instance.returnToService(actor, at), audit);
  }

  /** Resolves once everything evaluated so far is in the database. */
  flush(): Promise<void> {
    return this.writing;
  }

  /**
   * An operator's action. With `audit`, its audit row (with the alarm before and after) goes into the
   * transaction that journals it: if that write fails, the caller hears so, and neither is stored.
   */
  private async act(
    alarmId: string,
    action: (instance: AlarmInstance, at: number) => Happened[],
    audit?: ActionAudit,
  ): Promise<Alarm> {
    const instance = this.get(alarmId);
    const before = instance.view();
    const items: TransitionToRecord[] = [];
    this.collect(items, instance, action(instance, this.now()));
    const after = instance.view();
    const recorded = this.persist(items, audit && { ...audit, target: alarmId, before, after });
    if (!(await recorded))
      throw new Error(`the action on ${alarmId} could not be journaled and audited; it is not recorded`);
    return after;
  }

  private async lookAtGateways(): Promise<void> {
    const gateways = await listGateways(this.options.db);
    const items: TransitionToRecord[] = [];
    for (const gateway of gateways) {
      const seen = this.gatewaySeen.get(gateway.id);
      if (seen === undefined || gateway.lastSeen <= seen) continue;
      this.gatewaySeen.set(gateway.id, gateway.lastSeen);
      const sample = {
        value: gateway.bufferDepth,
        statusCode: StatusCode.Good,
        sourceTime: gateway.lastSeen,
      };
      for (const instance of this.byChannel.get(gatewayCommsSubject(gateway.id)) ?? []) {
        this.collect(items, instance, instance.onSample(sample, false));
      }
    }
    this.persist(items);
  }

  /** Turns what happened into journal entries, and follows communications alarms with suppression. */
  private collect(items: TransitionToRecord[], instance: AlarmInstance, happened: readonly Happened[]): void {
    if (instance.waitsOnClock) this.onClock.add(instance);
    else this.onClock.delete(instance);
    for (const h of happened) {
      items.push(instance.journalEntry(h));
      if ('scope' in instance.rule.target && (h.event === 'activated' || h.event === 'cleared')) {
        this.suppressBehind(items, h.at, instance.channelId);
      }
    }
  }

  /** Whether a communications alarm on this subject (a gateway's or a device's) is active. */
  private commsLost(subject: string): boolean {
    return (this.byChannel.get(subject) ?? []).some((instance) => instance.record.active);
  }

  /**
   * After a communications alarm changed: each channel alarm behind that gateway or device (behind
   * any, without one) is suppressed by whichever of the two has lost communications, and by none once
   * both talk.
   */
  private suppressBehind(items: TransitionToRecord[], at: number, commsSubject?: string): void {
    const owner = commsSubject?.replace(/\/comms$/, '');
    for (const [channelId, gatewayId] of this.gatewayOf) {
      const deviceId = this.deviceOf.get(channelId);
      if (owner !== undefined && gatewayId !== owner && deviceId !== owner) continue;
      const gatewaySubject = gatewayCommsSubject(gatewayId);
      const deviceSubject = deviceId ? deviceCommsSubject(deviceId) : undefined;
      const by = this.commsLost(gatewaySubject)
        ? gatewaySubject
        : deviceSubject && this.commsLost(deviceSubject)
          ? deviceSubject
          : null;
      for (const child of this.byChannel.get(channelId) ?? [])
        this.collect(items, child, child.suppress(by, at));
    }
  }

  /** Journals transitions (and an action's audit row) in order; resolves whether they were stored. */
  private persist(items: TransitionToRecord[], audit?: AuditEntry): Promise<boolean> {
    if (items.length === 0 && !audit) return Promise.resolve(true);
    const { db, logger, onTransitions } = this.options;
    const written = this.writing.then(async () => {
      const recorded = await journalWithRetries(db, items, audit, logger);
      if (!recorded) return false;
      for (const transition of recorded) {
        const instance = this.byId.get(transition.alarmId);
        if (instance) instance.record.seq = Math.max(instance.record.seq, transition.seq);
      }
      // Outside the retries: a failing listener must neither journal the transitions twice nor end
      // the chain that every later write waits on.
      try {
        onTransitions?.(recorded);
      } catch (error) {
        logger.error({ err: error }, 'alarm transitions journaled but not delivered');
      }
      return true;
    });
    this.writing = written.then(() => undefined);
    return written;
  }
}
