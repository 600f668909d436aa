import { describe, expect, it } from 'vitest';
import {
  airStatusFlags,
  CITY_BACKGROUND,
  initialAirState,
  pmWeatherFactor,
  STREET_TRAFFIC,
  stepAir,
} from './air';
import { seededRandom } from './random';
import { mean, pearson } from './statistics';
import { initialWeatherState, stepWeather, typicalWeather } from './weather';

const MIDSUMMER = Date.parse('2025-06-18T22:00:00Z'); // Thursday 00:00 in Amsterdam

/** A summer day at a station, with the city's weather, one sample a minute of a 10-second simulation. */
function summerDay(seed: number, weekend = false, site = CITY_BACKGROUND) {
  const random = seededRandom(seed);
  let air = initialAirState(site);
  let weather = initialWeatherState;
  const samples: (ReturnType<typeof stepAir>['sample'] & { hour: number; sun: number })[] = [];
  for (let second = 0; second < 86_400; second += 10) {
    const time = { hour: second / 3600, weekend, epochMs: MIDSUMMER + second * 1000 };
    const sky = stepWeather(weather, time, 10, random);
    weather = sky.state;
    const step = stepAir(air, time, 10, random, site, sky.sample);
    air = step.state;
    if (second % 60 === 0) samples.push({ ...step.sample, hour: time.hour, sun: sky.sample.sunElevationDeg });
  }
  return samples;
}

const between = <T extends { hour: number }>(day: T[], from: number, to: number) =>
  day.filter((s) => s.hour >= from && s.hour < to);

describe('ozone, temperature and humidity at an air station', () => {
  const day = summerDay(5);

  it('makes ozone in the afternoon sun and has little of it before dawn', () => {
    const afternoon = mean(between(day, 13, 16).map((s) => s.o3));
    const night = mean(between(day, 2, 4).map((s) => s.o3));
    expect(afternoon).toBeGreaterThan(night + 20);
    expect(afternoon).toBeLessThan(140);
    expect(Math.min(...day.map((s) => s.o3))).toBeGreaterThanOrEqual(2);
  });

  it('loses ozone where NO2 is high: traffic titrates it away', () => {
    // The same morning sun with and without the weekday rush.
    const weekdayRush = mean(between(day, 7.5, 8.5).map((s) => s.o3));
    const saturday = mean(between(summerDay(5, true), 7.5, 8.5).map((s) => s.o3));
    expect(weekdayRush).toBeLessThan(saturday - 5);
    const street = mean(between(summerDay(5, false, STREET_TRAFFIC), 7.5, 8.5).map((s) => s.o3));
    expect(street).toBeLessThan(weekdayRush);
    // Over the daylight hours, more NO2 means less O3 at the same sun.
    const daylight = between(day, 6, 20);
    const residual = daylight.map((s) => s.o3 - 45 * Math.sin((Math.max(0, s.sun) * Math.PI) / 180));
    expect(
      pearson(
        daylight.map((s) => s.no2),
        residual,
      ),
    ).toBeLessThan(-0.5);
  });

  it('reports the temperature and humidity of the day: warm and dry by afternoon, cool and damp at night', () => {
    expect(mean(between(day, 14, 16).map((s) => s.temperature))).toBeGreaterThan(
      mean(between(day, 3, 5).map((s) => s.temperature)) + 4,
    );
    expect(mean(between(day, 3, 5).map((s) => s.humidity))).toBeGreaterThan(
      mean(between(day, 14, 16).map((s) => s.humidity)) + 10,
    );
  });

  it('raises particulate matter in humid air and washes it out in rain', () => {
    const weather = typicalWeather({ hour: 12, weekend: false });
    expect(pmWeatherFactor({ ...weather, humidityPct: 95 })).toBeGreaterThan(1.15);
    expect(pmWeatherFactor({ ...weather, humidityPct: 55 })).toBeLessThan(0.85);
    expect(pmWeatherFactor({ ...weather, humidityPct: 95, rainMmPerH: 4 })).toBeLessThan(1);
    const damp = { ...weather, humidityPct: 95 };
    const dry = { ...weather, humidityPct: 50 };
    const hours = (sky: typeof weather) => {
      const random = seededRandom(8);
      let state = initialAirState();
      const pm10: number[] = [];
      for (let second = 0; second < 6 * 3600; second += 10) {
        const step = stepAir(state, { hour: 12, weekend: false }, 10, random, CITY_BACKGROUND, sky);
        state = step.state;
        pm10.push(step.sample.pm10);
      }
      return mean(pm10.slice(-720));
    };
    expect(hours(damp)).toBeGreaterThan(hours(dry) + 6);
  });

  it('flags the nightly zero/span check in the status word, and nothing by day', () => {
    const mild = typicalWeather({ hour: 12, weekend: false });
    expect(airStatusFlags({ hour: 2.1, weekend: false }, mild)).toEqual(['calibration_running']);
    expect(airStatusFlags({ hour: 8, weekend: false }, mild)).toEqual([]);
    expect(airStatusFlags({ hour: 15, weekend: false }, { ...mild, temperatureC: 33 })).toEqual([
      'enclosure_temperature',
    ]);
  });
});
