import type { AlarmRecord } from '@city/db';
import {
  type AlarmRule,
  type Asset,
  alarmIdOf,
  type Channel,
  deviceCommsSubject,
  type GatewayStatus,
  gatewayCommsSubject,
} from '@city/domain';
import { AlarmInstance, type AlarmSubject } from './alarm-instance';
import { ChannelAlarms } from './channel-alarms';

/** What the engine looks alarms up by, built from the rules and the channels they apply to. */
export interface AlarmIndex {
  /** The alarms on each channel, and on each gateway's or device's communications subject. */
  byChannel: Map<string, AlarmInstance[]>;
  byId: Map<string, AlarmInstance>;
  gatewayOf: Map<string, string>;
  deviceOf: Map<string, string>;
  /** What each reading of a channel feeds: its alarms and its device's communications alarms. */
  readingsOf: Map<string, ChannelAlarms>;
  /** Gateways that a `scope: gateways` rule watches. */
  watchedGateways: string[];
}

export interface AlarmIndexSources {
  rules: readonly AlarmRule[];
  channels: readonly Channel[];
  assets: readonly Asset[];
  gateways: readonly GatewayStatus[];
  /** Saved states, for alarms that are new to this engine. */
  records: readonly AlarmRecord[];
  /** The instances of the index before, kept where their rule and subject did not change. */
  previous: ReadonlyMap<string, AlarmInstance>;
  startedAt: number;
}

function targets(rule: AlarmRule, channel: Channel, assetById: ReadonlyMap<string, Asset>): boolean {
  const { target } = rule;
  if ('channelId' in target) return target.channelId === channel.id;
  if ('assetKind' in target)
    return assetById.get(channel.assetId)?.kind === target.assetKind && channel.metric === target.metric;
  return false;
}

/** One instance per enabled rule and subject it applies to. */
export function indexAlarms(sources: AlarmIndexSources): AlarmIndex {
  const { rules, channels, gateways, previous, startedAt } = sources;
  const saved = new Map(sources.records.map((record) => [record.id, record]));
  const assetById = new Map(sources.assets.map((asset) => [asset.id, asset]));
  const index: AlarmIndex = {
    byChannel: new Map(),
    byId: new Map(),
    gatewayOf: new Map(),
    deviceOf: new Map(),
    readingsOf: new Map(),
    watchedGateways: [],
  };
  const add = (rule: AlarmRule, subjectId: string, subject: AlarmSubject) => {
    const id = alarmIdOf(rule.id, subjectId);
    const kept = previous.get(id);
    // An alarm whose rule and subject did not change keeps its instance, and with it the on-delay,
    // off-delay or silence it is timing: editing one rule must not restart every other alarm's clock.
    const unchanged =
      kept !== undefined && JSON.stringify([kept.rule, kept.subject]) === JSON.stringify([rule, subject]);
    const record = kept?.record ?? saved.get(id);
    const instance = unchanged
      ? kept
      : new AlarmInstance(rule, subjectId, subject, startedAt, record && { ...record });
    index.byId.set(id, instance);
    const onSubject = index.byChannel.get(subjectId);
    if (onSubject) onSubject.push(instance);
    else index.byChannel.set(subjectId, [instance]);
  };
  const enabled = rules.filter((rule) => rule.enabled);
  for (const channel of channels) {
    if (channel.source) {
      index.gatewayOf.set(channel.id, channel.source.gatewayId);
      index.deviceOf.set(channel.id, channel.source.deviceId);
    }
    const subject = {
      asset: assetById.get(channel.assetId)?.name ?? channel.assetId,
      assetId: channel.assetId,
      channel: channel.name,
      metric: channel.metric,
      unit: channel.unit,
    };
    for (const rule of enabled) if (targets(rule, channel, assetById)) add(rule, channel.id, subject);
  }
  for (const rule of enabled) {
    if (!('scope' in rule.target)) continue;
    if (rule.target.scope === 'devices') {
      for (const deviceId of new Set(index.deviceOf.values())) {
        const words = { channel: 'communications', metric: 'communications', unit: 's' };
        add(rule, deviceCommsSubject(deviceId), { asset: deviceId, assetId: deviceId, ...words });
      }
      continue;
    }
    for (const gateway of gateways) {
      const words = { channel: 'heartbeat', metric: 'heartbeat', unit: 's' };
      add(rule, gatewayCommsSubject(gateway.id), { asset: gateway.name, assetId: gateway.id, ...words });
      index.watchedGateways.push(gateway.id);
    }
  }
  for (const channel of channels) {
    const deviceId = index.deviceOf.get(channel.id);
    const comms = deviceId === undefined ? undefined : index.byChannel.get(deviceCommsSubject(deviceId));
    const own = index.byChannel.get(channel.id);
    if (own || comms) index.readingsOf.set(channel.id, new ChannelAlarms(own ?? [], comms));
  }
  return index;
}
