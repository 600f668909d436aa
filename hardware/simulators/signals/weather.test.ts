import { describe, expect, it } from 'vitest';
import { seededRandom } from './random';
import { mean } from './statistics';
import { initialWeatherState, startRain, stepWeather, typicalWeather } from './weather';

const at = (iso: string, hour: number) => ({ hour, weekend: false, epochMs: Date.parse(iso) });

/** Simulates `days` of Amsterdam weather from 1 May, one sample a minute. */
function simulate(days: number, seed: number) {
  const random = seededRandom(seed);
  let state = initialWeatherState;
  const start = Date.parse('2025-05-01T00:00:00Z');
  const rain: number[] = [];
  for (let minute = 0; minute < days * 1440; minute++) {
    const epochMs = start + minute * 60_000;
    const step = stepWeather(state, { hour: (minute % 1440) / 60, weekend: false, epochMs }, 60, random);
    state = step.state;
    rain.push(step.sample.rainMmPerH);
  }
  return rain;
}

describe('the weather over Amsterdam', () => {
  it('is warm on a July afternoon and near freezing before dawn in January', () => {
    const july = typicalWeather(at('2025-07-20T13:00:00Z', 15));
    expect(july.temperatureC).toBeGreaterThan(19);
    expect(july.temperatureC).toBeLessThan(26);
    const january = typicalWeather(at('2025-01-15T05:00:00Z', 6));
    expect(january.temperatureC).toBeGreaterThan(-3);
    expect(january.temperatureC).toBeLessThan(4);
    expect(january.sunElevationDeg).toBeLessThan(0);
  });

  it('is more humid at night than in the afternoon', () => {
    const night = typicalWeather(at('2025-07-20T02:00:00Z', 4));
    const afternoon = typicalWeather(at('2025-07-20T13:00:00Z', 15));
    expect(night.humidityPct).toBeGreaterThan(afternoon.humidityPct + 15);
    expect(night.humidityPct).toBeLessThanOrEqual(100);
  });

  it('rains about one hour in twelve, mostly lightly, now and then in a downpour', () => {
    const rain = simulate(120, 11);
    const wet = rain.filter((mmPerH) => mmPerH > 0.1);
    const wetShare = wet.length / rain.length;
    expect(wetShare).toBeGreaterThan(0.03);
    expect(wetShare).toBeLessThan(0.15);
    const sorted = [...wet].sort((a, b) => a - b);
    expect(sorted[Math.floor(sorted.length / 2)]).toBeLessThan(3);
    expect(sorted.at(-1)).toBeGreaterThan(8);
    expect(rain.every((mmPerH) => mmPerH >= 0)).toBe(true);
    // About 800 mm a year in the Netherlands: four months bring between 150 and 450 mm.
    const totalMm = rain.reduce((sum, mmPerH) => sum + mmPerH / 60, 0);
    expect(totalMm).toBeGreaterThan(120);
    expect(totalMm).toBeLessThan(450);
  });

  it('lets a shower be started on demand, peaking in its middle and ending on time', () => {
    const random = seededRandom(3);
    let state = startRain(initialWeatherState, { peakMmPerH: 30, durationS: 3600 });
    const intensities: number[] = [];
    const humidity: number[] = [];
    for (let second = 0; second < 3700; second += 10) {
      const step = stepWeather(state, { hour: 14, weekend: false }, 10, random);
      state = step.state;
      intensities.push(step.sample.rainMmPerH);
      humidity.push(step.sample.humidityPct);
    }
    const middle = mean(intensities.slice(150, 210));
    expect(middle).toBeGreaterThan(15);
    expect(mean(intensities.slice(0, 10))).toBeLessThan(middle / 3);
    expect(intensities.at(-1)).toBe(0);
    expect(mean(humidity.slice(150, 210))).toBeGreaterThan(90);
  });
});
