import { describe, expect, it } from 'vitest';
import { initialRainGaugeState, stepRainGauge } from './rain-gauge';
import { seededRandom } from './random';

describe('a tipping-bucket rain gauge', () => {
  it('collects an hour of 6 mm/h as 6 mm, today and in its lifetime counter', () => {
    let state = initialRainGaugeState(seededRandom(1));
    const installed = state.totalMm;
    let last = stepRainGauge(state, { hour: 14, weekend: false }, 1, 0).sample;
    for (let second = 0; second < 3600; second++) {
      const step = stepRainGauge(state, { hour: 14 + second / 3600, weekend: false }, 1, 6);
      state = step.state;
      last = step.sample;
    }
    expect(last.intensity).toBe(6);
    expect(last.rainToday).toBeCloseTo(6, 6);
    expect(last.rainTotal - installed).toBeCloseTo(6, 6);
  });

  it('starts the day total again at local midnight but never the lifetime counter', () => {
    let state = { todayMm: 12.4, totalMm: 3000, lastHour: 23.99 };
    const step = stepRainGauge(state, { hour: 0.01, weekend: false }, 36, 1);
    state = step.state;
    expect(step.sample.rainToday).toBeCloseTo(0.01, 6);
    expect(step.sample.rainTotal).toBeCloseTo(3000.01, 6);
  });
});
