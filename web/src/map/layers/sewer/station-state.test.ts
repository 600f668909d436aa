import { StatusCode } from '@city/domain';
import { describe, expect, it } from 'vitest';
import { channelsByMetric } from '../../features';
import type { MapFeature, ReadContext } from '../types';
import { isStationAbnormal, stationStateOf } from './station-state';

const NOW = 1_800_000_000_000;
const metrics = [
  'level',
  'high-level',
  'overflow',
  'pump1-running',
  'pump1-fault',
  'pump2-running',
  'pump2-fault',
];
const station: MapFeature = {
  id: 'ps-buiksloterham',
  layer: 'sewer',
  name: 'Gemaal Buiksloterham',
  district: 'Noord',
  position: [4.902, 52.393],
  path: null,
  asset: null,
  channels: channelsByMetric(
    metrics.map((metric) => ({
      id: `ps-buiksloterham/${metric}`,
      assetId: 'ps-buiksloterham',
      metric,
      name: metric,
      unit: metric === 'level' ? 'm' : '',
      displayRange: metric === 'level' ? [0, 4] : [0, 1],
      writable: false,
      source: null,
    })),
  ),
};

function contextOf(values: Record<string, number>, statusCode: number = StatusCode.Good): ReadContext {
  return {
    now: NOW,
    format: (value) => String(value),
    gateways: new Map(),
    values: new Map(
      Object.entries(values).map(([metric, value]) => [
        `ps-buiksloterham/${metric}`,
        {
          channelId: `ps-buiksloterham/${metric}`,
          value,
          statusCode,
          sourceTime: NOW - 500,
          serverTime: NOW,
        },
      ]),
    ),
  };
}

describe('a pumping station on the map', () => {
  it('shows a normal afternoon: well a quarter full, pump 1 running, pump 2 stopped', () => {
    const state = stationStateOf(station, contextOf({ level: 1, 'pump1-running': 1, 'pump2-running': 0 }));
    expect(state).toEqual({ fill: 0.25, highLevel: false, overflow: false, pumps: ['running', 'stopped'] });
    expect(isStationAbnormal(state)).toBe(false);
  });

  it('is abnormal when the well is high or overflows, or a pump has failed', () => {
    expect(isStationAbnormal(stationStateOf(station, contextOf({ level: 3.9, 'high-level': 1 })))).toBe(true);
    expect(isStationAbnormal(stationStateOf(station, contextOf({ level: 4.5, overflow: 1 })))).toBe(true);
    const failed = stationStateOf(station, contextOf({ 'pump2-running': 1, 'pump2-fault': 1 }));
    expect(failed.pumps[1]).toBe('fault');
    expect(isStationAbnormal(failed)).toBe(true);
  });

  it('shows no fill and unknown pumps when the station does not answer', () => {
    const state = stationStateOf(
      station,
      contextOf({ level: 2, 'pump1-running': 1 }, StatusCode.BadNoCommunication),
    );
    expect(state.fill).toBeNull();
    expect(state.pumps).toEqual(['unknown', 'unknown']);
  });
});
