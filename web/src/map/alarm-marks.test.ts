import type { Alarm, Channel } from '@city/domain';
import { describe, expect, it } from 'vitest';
import { alarmBadgesOf, alarmMarksOf, featureIdOfAlarm } from './alarm-marks';
import type { MapFeature } from './layers/types';

function alarm(id: string, channelId: string, priority: 1 | 2 | 3 | 4, state: Alarm['state']): Alarm {
  return {
    id,
    ruleId: 'rule',
    channelId,
    priority,
    state,
    active: state !== 'returned-unacknowledged',
    acknowledged: state === 'acknowledged',
    message: {
      key: 'alarm.high',
      params: {
        ruleId: 'rule',
        asset: 'x',
        assetId: 'x',
        channel: 'x',
        metric: 'x',
        unit: '',
        value: 1,
        limit: 0,
      },
    },
    value: 1,
    activatedAt: 0,
    clearedAt: null,
    shelvedUntil: null,
    shelveKind: null,
    outOfServiceReason: null,
    suppressedBy: null,
    seq: 1,
  } as Alarm;
}

const channels = [
  {
    id: 'ps-buiksloterham/level',
    assetId: 'ps-buiksloterham',
    source: { gatewayId: 'gw-1', deviceId: 'buiksloterham-pump-plc', point: 'wet_well_level' },
  },
] as unknown as Channel[];

describe('alarm shapes on the map', () => {
  it('marks an asset with its most urgent standing alarm', () => {
    const marks = alarmMarksOf(
      [
        alarm('a', 'ps-buiksloterham/level', 3, 'unacknowledged'),
        alarm('b', 'ps-buiksloterham/inflow', 1, 'acknowledged'),
        alarm('c', 'aq-vondelpark/no2', 2, 'returned-unacknowledged'),
      ],
      channels,
    );
    expect(marks).toEqual(
      new Map([
        ['ps-buiksloterham', 1],
        ['aq-vondelpark', 2],
      ]),
    );
  });

  it('leaves shelved, suppressed, out-of-service and normal alarms off the map', () => {
    const marks = alarmMarksOf(
      (['shelved', 'suppressed', 'out-of-service', 'normal'] as const).map((state, i) =>
        alarm(String(i), 'aq-vondelpark/no2', 1, state),
      ),
      channels,
    );
    expect(marks.size).toBe(0);
  });

  it("puts a silent device's alarm on its asset and a silent gateway's on its cabinet", () => {
    expect(featureIdOfAlarm({ channelId: 'buiksloterham-pump-plc/comms' }, channels)).toBe(
      'ps-buiksloterham',
    );
    expect(featureIdOfAlarm({ channelId: 'gw-1/comms' }, channels)).toBe('gw-1');
  });
});

describe('one priority shape per spot on the map', () => {
  const segment = (id: string, position: [number, number]): MapFeature => ({
    id,
    layer: 'lighting',
    name: id,
    district: 'Zuid',
    position,
    path: null,
    asset: null,
    channels: new Map(),
  });
  // Two lamp segments a street apart in De Pijp, and a pumping station across the river.
  const albertCuyp = segment('ls-albert-cuypstraat', [4.8936, 52.3556]);
  const ferdinandBol = segment('ls-ferdinand-bolstraat', [4.8917, 52.3547]);
  const buiksloterham = segment('ps-buiksloterham', [4.902, 52.393]);
  const priorities = new Map([
    ['ls-albert-cuypstraat', 3],
    ['ls-ferdinand-bolstraat', 3],
    ['ps-buiksloterham', 3],
  ] as const);

  it('draws two alarmed segments a street apart as one shape with a count at the city view', () => {
    const badges = alarmBadgesOf([albertCuyp, ferdinandBol, buiksloterham], priorities, 11.5);
    expect(badges.map((badge) => [badge.feature.id, badge.count])).toEqual([
      ['ls-albert-cuypstraat', 2],
      ['ps-buiksloterham', 1],
    ]);
  });

  it('parts them again once zoomed in to the street', () => {
    const badges = alarmBadgesOf([albertCuyp, ferdinandBol], priorities, 16);
    expect(badges.map((badge) => badge.count)).toEqual([1, 1]);
  });

  it('shows the most urgent alarm of a spot, whichever came first', () => {
    const urgent = new Map([...priorities, ['ls-ferdinand-bolstraat', 1] as const]);
    const [badge] = alarmBadgesOf([albertCuyp, ferdinandBol], urgent, 11.5);
    expect(badge).toMatchObject({ priority: 1, count: 2 });
    expect(badge?.feature.id).toBe('ls-ferdinand-bolstraat');
  });

  it('keeps one shape per asset until the map knows its zoom', () => {
    expect(alarmBadgesOf([albertCuyp, ferdinandBol], priorities, null)).toHaveLength(2);
  });
});
