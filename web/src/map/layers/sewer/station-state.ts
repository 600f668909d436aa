import { numberOf } from '../../features';
import type { MapFeature, ReadContext } from '../types';

export type PumpState = 'running' | 'stopped' | 'fault' | 'unknown';

export interface StationState {
  /** Wet-well level as a share of its display range, 0–1; null without a usable level. */
  fill: number | null;
  highLevel: boolean;
  overflow: boolean;
  pumps: [PumpState, PumpState];
}

const isOn = (value: number | null) => value !== null && value >= 0.5;

function pumpState(feature: MapFeature, pump: 1 | 2, context: ReadContext): PumpState {
  if (isOn(numberOf(feature, `pump${pump}-fault`, context))) return 'fault';
  const running = numberOf(feature, `pump${pump}-running`, context);
  if (running === null) return 'unknown';
  return isOn(running) ? 'running' : 'stopped';
}

/** What a pumping station's symbol shows: how full the wet well is, each pump, high level and overflow. */
export function stationStateOf(feature: MapFeature, context: ReadContext): StationState {
  const level = numberOf(feature, 'level', context);
  const range = feature.channels.get('level')?.displayRange ?? [0, 1];
  const span = range[1] - range[0] || 1;
  return {
    fill: level === null ? null : Math.min(1, Math.max(0, (level - range[0]) / span)),
    highLevel: isOn(numberOf(feature, 'high-level', context)),
    overflow: isOn(numberOf(feature, 'overflow', context)),
    pumps: [pumpState(feature, 1, context), pumpState(feature, 2, context)],
  };
}

/** A station is abnormal when its well is high, it overflows, or a pump has failed. */
export function isStationAbnormal(state: StationState): boolean {
  return state.highLevel || state.overflow || state.pumps.includes('fault');
}
