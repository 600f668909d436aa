import type { LocalTime } from './local-time';

/** A rain gauge: the intensity it measures and what it has collected, today and ever. */
export interface RainGaugeState {
  todayMm: number;
  totalMm: number;
  /** The local hour of the previous step, to notice midnight. */
  lastHour: number;
}

export interface RainGaugeSample {
  intensity: number;
  rainToday: number;
  rainTotal: number;
}

/** A gauge that has been out a few years: its counter is far from zero. */
export function initialRainGaugeState(random: () => number): RainGaugeState {
  return { todayMm: 0, totalMm: Math.round(2000 + 3000 * random()), lastHour: 0 };
}

export function stepRainGauge(
  state: RainGaugeState,
  time: LocalTime,
  dtSeconds: number,
  rainMmPerH: number,
): { state: RainGaugeState; sample: RainGaugeSample } {
  const fallen = Math.max(0, rainMmPerH) * (dtSeconds / 3600);
  const newDay = time.hour < state.lastHour;
  const next: RainGaugeState = {
    todayMm: (newDay ? 0 : state.todayMm) + fallen,
    totalMm: state.totalMm + fallen,
    lastHour: time.hour,
  };
  return {
    state: next,
    sample: { intensity: Math.max(0, rainMmPerH), rainToday: next.todayMm, rainTotal: next.totalMm },
  };
}
