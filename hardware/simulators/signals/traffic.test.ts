import { describe, expect, it } from 'vitest';
import { seededRandom } from './random';
import { mean, pearson } from './statistics';
import {
  A10_WEST,
  initialTrafficState,
  occupancyPercent,
  speedAtFlow,
  stepTraffic,
  type TrafficSample,
  trafficDemand,
} from './traffic';

const weekday = (hour: number) => ({ hour, weekend: false });
const saturday = (hour: number) => ({ hour, weekend: true });

/** A whole day on the A10 West, one sample a second, from a fixed seed. */
function simulateDay(seed: number, weekend = false): (TrafficSample & { hour: number })[] {
  const random = seededRandom(seed);
  let state = initialTrafficState;
  const samples: (TrafficSample & { hour: number })[] = [];
  for (let second = 0; second < 86_400; second++) {
    const hour = second / 3600;
    const step = stepTraffic(state, { hour, weekend }, 1, random);
    state = step.state;
    samples.push({ ...step.sample, hour });
  }
  return samples;
}

const meanOf = (samples: readonly TrafficSample[], key: keyof TrafficSample) =>
  mean(samples.map((s) => s[key]));

describe('traffic on the A10 West', () => {
  it('has a morning and an evening rush on weekdays, far above the night', () => {
    expect(trafficDemand(weekday(8))).toBeGreaterThan(4 * trafficDemand(weekday(3)));
    expect(trafficDemand(weekday(17))).toBeGreaterThan(4 * trafficDemand(weekday(3)));
    expect(trafficDemand(weekday(8))).toBeGreaterThan(trafficDemand(weekday(12)));
    expect(trafficDemand(weekday(17))).toBeGreaterThan(trafficDemand(weekday(12)));
    expect(trafficDemand(weekday(12))).toBeGreaterThan(trafficDemand(weekday(22)));
  });

  it('sleeps in at the weekend: no morning rush, a lower afternoon hump', () => {
    expect(trafficDemand(saturday(8))).toBeLessThan(trafficDemand(weekday(8)) / 2);
    expect(trafficDemand(saturday(14))).toBeGreaterThan(trafficDemand(saturday(8)));
    expect(trafficDemand(saturday(14))).toBeLessThan(trafficDemand(weekday(17)));
  });

  it('drives at free-flow speed in light traffic and slows down as flow nears capacity', () => {
    const capacity = A10_WEST.capacityVehPerHour;
    expect(speedAtFlow(0.1 * capacity, A10_WEST)).toBeGreaterThan(99);
    const speeds = [0.2, 0.4, 0.6, 0.8, 0.95].map((share) => speedAtFlow(share * capacity, A10_WEST));
    for (let i = 1; i < speeds.length; i++) expect(speeds[i]).toBeLessThan(speeds[i - 1] ?? Infinity);
    expect(speeds.at(-1)).toBeLessThan(60);
  });

  it('derives occupancy from flow and speed: busier and slower means more occupied', () => {
    const light = occupancyPercent(600, 100, A10_WEST);
    const busy = occupancyPercent(5000, 65, A10_WEST);
    expect(light).toBeGreaterThan(0);
    expect(light).toBeLessThan(3);
    expect(busy).toBeGreaterThan(4 * light);
    expect(busy).toBeLessThan(40);
    expect(occupancyPercent(5000, 0, A10_WEST)).toBe(100);
  });

  it('over a simulated weekday: rush-hour flow is many times the night flow, and speed falls with flow', () => {
    const day = simulateDay(42);
    const between = (from: number, to: number) => day.filter((s) => s.hour >= from && s.hour < to);
    expect(meanOf(between(7.5, 8.5), 'flow')).toBeGreaterThan(5 * meanOf(between(2, 4), 'flow'));
    expect(meanOf(between(16.5, 17.5), 'flow')).toBeGreaterThan(5 * meanOf(between(2, 4), 'flow'));
    expect(meanOf(between(7.5, 8.5), 'speed')).toBeLessThan(meanOf(between(2, 4), 'speed') - 20);
    expect(
      pearson(
        day.map((s) => s.flow),
        day.map((s) => s.speed),
      ),
    ).toBeLessThan(-0.5);
    const extremes = (key: keyof TrafficSample) => {
      const values = day.map((s) => s[key]);
      return [Math.min(...values), Math.max(...values)];
    };
    expect(extremes('flow')[0]).toBeGreaterThan(0);
    expect(extremes('flow')[1]).toBeLessThanOrEqual(A10_WEST.capacityVehPerHour);
    expect(extremes('speed')[0]).toBeGreaterThanOrEqual(5);
    expect(extremes('occupancy')[1]).toBeLessThanOrEqual(100);
  });

  it('replays exactly from the same seed and differs with another', () => {
    const first = simulateDay(7);
    expect(simulateDay(7).slice(-3600)).toEqual(first.slice(-3600));
    expect(simulateDay(8).slice(0, 100)).not.toEqual(first.slice(0, 100));
  });
});
