import type { Alarm, Asset, Channel } from '@city/domain';
import { alarmStateOf } from '@city/domain';

/** An alarm as the server would send it, for unit tests: a channel alarm unless the id says comms. */
export function alarmOf(overrides: Partial<Alarm> & { id: string; channelId: string }): Alarm {
  const [assetId = '', metric = ''] = overrides.channelId.split('/');
  const flags = {
    active: true,
    acknowledged: false,
    shelveKind: null,
    outOfServiceReason: null,
    suppressedBy: null,
    ...overrides,
  };
  return {
    ruleId: overrides.id.split('@')[0] ?? 'rule',
    priority: 2,
    value: 2.9,
    activatedAt: 1_000,
    clearedAt: null,
    shelvedUntil: null,
    seq: 1,
    message: {
      key: 'alarm.high',
      params: {
        ruleId: 'rule',
        asset: assetId,
        assetId,
        channel: metric,
        metric,
        unit: 'm',
        value: 2.9,
        limit: 2.7,
      },
    },
    ...flags,
    state: overrides.state ?? alarmStateOf(flags),
  };
}

export function assetOf(id: string, layer: Asset['layer'], district: string | null): Asset {
  return { id, name: `Asset ${id}`, layer, district } as Asset;
}

export function channelOf(assetId: string, metric: string, deviceId: string): Channel {
  return {
    id: `${assetId}/${metric}`,
    assetId,
    source: { gatewayId: 'gw-noord', deviceId },
  } as Channel;
}
