import { describe, expect, it } from 'vitest';
import { seededRandom } from './random';
import { mean } from './statistics';
import {
  A10_WEST,
  clearIncident,
  incidentTraffic,
  initialTrafficState,
  laneShares,
  occupancyPercent,
  splitIntoLanes,
  startIncident,
  stepTraffic,
  type TrafficState,
} from './traffic';

const weekday = (hour: number) => ({ hour, weekend: false });

/** Runs the A10 West detector from `state` for `seconds`, one tick a second, and returns every step. */
function run(state: TrafficState, hour: number, seconds: number, seed = 1) {
  const random = seededRandom(seed);
  const steps: ReturnType<typeof stepTraffic>[] = [];
  let current = state;
  for (let second = 0; second < seconds; second++) {
    const step = stepTraffic(current, weekday(hour + second / 3600), 1, random);
    current = step.state;
    steps.push(step);
  }
  return { state: current, steps };
}

describe('lanes of the A10 West', () => {
  it('keeps right at night and fills the lanes evenly in the rush hour', () => {
    const night = laneShares(0.05, 3);
    expect(night[2]).toBeGreaterThan(0.5);
    expect(night[0]).toBeLessThan(0.15);
    const rush = laneShares(0.9, 3);
    for (const share of rush) expect(share).toBeGreaterThan(0.28);
    expect(rush[0]).toBeGreaterThan(rush[2] ?? 1);
    expect(laneShares(0.5, 1)).toEqual([1]);
  });

  it('splits the carriageway so lanes add up to what the control room shows', () => {
    const sample = { flow: 4200, speed: 82, occupancy: occupancyPercent(4200, 82, A10_WEST) };
    const lanes = splitIntoLanes(sample, A10_WEST);
    expect(lanes).toHaveLength(3);
    expect(lanes.reduce((sum, lane) => sum + lane.flow, 0)).toBeCloseTo(4200, 6);
    const spaceMeanSpeed = 4200 / lanes.reduce((sum, lane) => sum + lane.flow / lane.speed, 0);
    expect(spaceMeanSpeed).toBeCloseTo(82, 6);
    expect(mean(lanes.map((lane) => lane.occupancy))).toBeCloseTo(sample.occupancy, 6);
    // The left lane is the fast one, the right lane has the lorries.
    expect(lanes[0]?.speed).toBeGreaterThan(lanes[2]?.speed ?? Infinity);
  });

  it('reports three plausible lanes on every tick of a simulated rush hour', () => {
    const { steps } = run(initialTrafficState, 8, 600);
    for (const { sample, lanes } of steps) {
      expect(lanes.reduce((sum, lane) => sum + lane.flow, 0)).toBeCloseTo(sample.flow, 6);
      for (const lane of lanes) {
        expect(lane.flow).toBeGreaterThan(0);
        expect(lane.flow).toBeLessThan(2500);
        expect(lane.speed).toBeGreaterThan(20);
        expect(lane.occupancy).toBeLessThan(100);
      }
    }
  });
});

describe('an incident downstream of the detector', () => {
  it('in the rush hour: speed collapses, occupancy rises and flow drops to what the open lanes carry', () => {
    const before = run(initialTrafficState, 8, 300);
    const normal = before.steps.slice(-60).map((s) => s.sample);
    const during = run(startIncident(before.state, { lanesBlocked: 1 }), 8 + 300 / 3600, 900, 2);
    const queue = during.steps.slice(-60).map((s) => s.sample);
    expect(mean(queue.map((s) => s.speed))).toBeLessThan(30);
    expect(mean(normal.map((s) => s.speed))).toBeGreaterThan(60);
    expect(mean(queue.map((s) => s.occupancy))).toBeGreaterThan(3 * mean(normal.map((s) => s.occupancy)));
    expect(mean(queue.map((s) => s.flow))).toBeLessThan(0.85 * mean(normal.map((s) => s.flow)));
  });

  it('builds up over minutes, not in one tick, and dissolves after it is cleared', () => {
    const before = run(initialTrafficState, 8, 120);
    const during = run(startIncident(before.state), 8.05, 900, 3);
    expect(during.steps[0]?.sample.speed).toBeGreaterThan(55);
    const after = run(clearIncident(during.state), 8.3, 1800, 4);
    expect(after.steps[10]?.sample.speed).toBeLessThan(40);
    expect(mean(after.steps.slice(-60).map((s) => s.sample.speed))).toBeGreaterThan(60);
    expect(after.state.incident).toBeUndefined();
  });

  it('at night only slows traffic: demand still fits through the open lanes', () => {
    const night = incidentTraffic(600, { lanesBlocked: 1 }, A10_WEST);
    expect(night.flow).toBe(600);
    expect(night.speed).toBeLessThanOrEqual(70);
    expect(night.speed).toBeGreaterThan(50);
    const closed = incidentTraffic(3000, { lanesBlocked: 3 }, A10_WEST);
    expect(closed.flow).toBeLessThan(300);
    expect(closed.occupancy).toBeGreaterThan(80);
  });
});
