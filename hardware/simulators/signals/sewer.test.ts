import { describe, expect, it } from 'vitest';
import { seededRandom } from './random';
import {
  DEFAULT_LEVELS,
  initialSewerState,
  NEIGHBOURHOOD_STATION,
  type SewerState,
  stepSewer,
} from './sewer';

type Trace = ReturnType<typeof stepSewer>['sample'][];

/** Runs the station for `hours` from midnight, one tick every `dt` seconds, under a rain curve (mm/h by hour). */
function run(hours: number, rain: (hour: number) => number, seed = 1, start?: SewerState, dt = 5) {
  const random = seededRandom(seed);
  let state = start ?? initialSewerState(random);
  const trace: Trace = [];
  for (let second = 0; second < hours * 3600; second += dt) {
    const hour = second / 3600;
    const step = stepSewer(state, { hour: hour % 24, weekend: false }, dt, random, rain(hour));
    state = step.state;
    trace.push(step.sample);
  }
  return { state, trace };
}

const dry = () => 0;
const starts = (trace: Trace, pump: 0 | 1) =>
  trace.filter((s, i) => s.running[pump] && !trace[i - 1]?.running[pump]).length;

describe('a sewer pumping station on a dry day', () => {
  const { trace } = run(24, dry);

  it('lets the well fill and pumps it down, cycling between the stop and start levels', () => {
    const levels = trace.map((s) => s.level);
    expect(Math.max(...levels)).toBeLessThan(DEFAULT_LEVELS.startLeadM + 0.05);
    expect(Math.min(...levels)).toBeGreaterThan(DEFAULT_LEVELS.stopM - 0.05);
    expect(starts(trace, 0) + starts(trace, 1)).toBeGreaterThan(20);
    expect(trace.some((s) => s.overflow || s.highLevel)).toBe(false);
  });

  it('starts a pump at the start level and stops it at the stop level (hysteresis)', () => {
    trace.forEach((sample, i) => {
      const before = trace[i - 1];
      if (!before) return;
      for (const pump of [0, 1] as const) {
        if (sample.running[pump] && !before.running[pump]) expect(before.level).toBeGreaterThanOrEqual(1.2);
        if (!sample.running[pump] && before.running[pump]) expect(before.level).toBeLessThanOrEqual(0.5);
      }
    });
  });

  it('never needs the second pump, and lets the pumps take turns so their run hours grow alike', () => {
    expect(trace.some((s) => s.running[0] && s.running[1])).toBe(false);
    expect(Math.abs(starts(trace, 0) - starts(trace, 1))).toBeLessThanOrEqual(1);
    const first = trace[0];
    const last = trace.at(-1);
    if (!first || !last) throw new Error('empty trace');
    const ran = [0, 1].map((pump) => (last.runHours[pump] ?? 0) - (first.runHours[pump] ?? 0));
    for (const hours of ran) {
      expect(hours).toBeGreaterThan(1);
      expect(hours).toBeLessThan(8);
    }
  });

  it('follows the households: more foul water at 08:00 than at 04:00', () => {
    const at = (hour: number) => trace[Math.round((hour * 3600) / 5)]?.inflow ?? 0;
    expect(at(8)).toBeGreaterThan(2 * at(4));
  });
});

describe('a sewer pumping station in the rain', () => {
  it('raises the level by inflow minus outflow over the well area', () => {
    const random = seededRandom(2);
    const state = { ...initialSewerState(random), levelM: 0.9 };
    const { state: next, sample } = stepSewer(state, { hour: 3, weekend: false }, 60, random, 0);
    const expected =
      0.9 + ((sample.inflow - sample.outflow) / NEIGHBOURHOOD_STATION.wellAreaM2) * (60 / 3600);
    expect(next.levelM).toBeCloseTo(expected, 9);
  });

  it('brings in the lag pump in a steady shower without overflowing', () => {
    const { trace } = run(6, (hour) => (hour < 3 ? 4 : 0), 3);
    const wettest = trace.slice(Math.round((1.5 * 3600) / 5), Math.round((3 * 3600) / 5));
    expect(Math.max(...wettest.map((s) => s.inflow))).toBeGreaterThan(
      NEIGHBOURHOOD_STATION.pumpCapacityM3PerH,
    );
    expect(wettest.some((s) => s.running[0] && s.running[1])).toBe(true);
    expect(trace.some((s) => s.overflow)).toBe(false);
  });

  it('overflows when the rain brings more than both pumps move, and recovers after', () => {
    const cloudburst = (hour: number) => (hour >= 1 && hour < 2 ? 25 : 0);
    const { trace } = run(6, cloudburst, 4);
    const overflowing = trace.filter((s) => s.overflow);
    expect(overflowing.length).toBeGreaterThan(0);
    for (const sample of overflowing) {
      expect(sample.level).toBeCloseTo(NEIGHBOURHOOD_STATION.overflowSillM, 1);
      expect(sample.highLevel).toBe(true);
    }
    expect(Math.max(...trace.map((s) => s.level))).toBeLessThanOrEqual(NEIGHBOURHOOD_STATION.overflowSillM);
    expect(Math.max(...trace.map((s) => s.outflow))).toBe(2 * NEIGHBOURHOOD_STATION.pumpCapacityM3PerH);
    const last = trace.at(-1);
    expect(last?.overflow).toBe(false);
    expect(last?.level).toBeLessThan(DEFAULT_LEVELS.startLagM);
  });

  it('lets the lag pump take over at the lead start level while the lead pump is in fault', () => {
    const random = seededRandom(5);
    const healthy = initialSewerState(random);
    const faulted: SewerState = {
      ...healthy,
      levelM: 1.25,
      lead: 0,
      pumps: [{ ...healthy.pumps[0], faultRemainingS: 3600 }, healthy.pumps[1]],
    };
    const { sample } = stepSewer(faulted, { hour: 3, weekend: false }, 5, random, 0);
    expect(sample.fault).toEqual([true, false]);
    expect(sample.running).toEqual([false, true]);
  });
});
