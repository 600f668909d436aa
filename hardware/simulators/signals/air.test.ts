import { describe, expect, it } from 'vitest';
import { CITY_BACKGROUND, initialAirState, stepAir } from './air';
import { seededRandom } from './random';
import { mean, pearson } from './statistics';
import { initialTrafficState, stepTraffic } from './traffic';

/** A weekday at Vondelpark next to the A10 detector, sampled once a minute of a one-second simulation. */
function simulateWeekday(seed: number) {
  const random = seededRandom(seed);
  let air = initialAirState();
  let traffic = initialTrafficState;
  const samples: { flow: number; no2: number; pm10: number; pm25: number }[] = [];
  for (let second = 0; second < 86_400; second++) {
    const time = { hour: second / 3600, weekend: false };
    const trafficStep = stepTraffic(traffic, time, 1, random);
    const airStep = stepAir(air, time, 1, random);
    traffic = trafficStep.state;
    air = airStep.state;
    if (second % 60 === 0) samples.push({ flow: trafficStep.sample.flow, ...airStep.sample });
  }
  return samples;
}

describe('air quality at a city-background station', () => {
  const day = simulateWeekday(3);

  it('has NO2 that rises and falls with the traffic', () => {
    expect(
      pearson(
        day.map((s) => s.flow),
        day.map((s) => s.no2),
      ),
    ).toBeGreaterThan(0.7);
    const no2 = day.map((s) => s.no2);
    expect(Math.min(...no2)).toBeGreaterThan(5);
    expect(Math.max(...no2)).toBeLessThan(80);
  });

  it('keeps NO2 near the urban background at night', () => {
    const night = day.slice(2 * 60, 4 * 60);
    const nightMean = mean(night.map((s) => s.no2));
    expect(nightMean).toBeGreaterThan(CITY_BACKGROUND.no2BackgroundUgM3 - 3);
    expect(nightMean).toBeLessThan(CITY_BACKGROUND.no2BackgroundUgM3 + 8);
  });

  it('lets PM10 wander slowly around its mean with PM2.5 at about 0.6 of it', () => {
    const pm10 = day.map((s) => s.pm10);
    const ratios = day.map((s) => s.pm25 / s.pm10);
    expect(mean(pm10)).toBeGreaterThan(10);
    expect(mean(pm10)).toBeLessThan(30);
    expect(Math.min(...pm10)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...pm10)).toBeLessThan(80);
    expect(mean(ratios)).toBeGreaterThan(0.55);
    expect(mean(ratios)).toBeLessThan(0.65);
    // Slow: a minute apart, PM10 moves by a little, not by its whole range.
    const steps = pm10.slice(1).map((value, i) => Math.abs(value - (pm10[i] ?? value)));
    expect(mean(steps)).toBeLessThan(1.5);
  });
});
