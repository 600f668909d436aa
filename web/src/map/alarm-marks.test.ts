import type { Alarm, Channel } from '@city/domain';
import { describe, expect, it } from 'vitest';
import { alarmMarksOf, featureIdOfAlarm } from './alarm-marks';

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
