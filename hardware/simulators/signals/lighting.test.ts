import { describe, expect, it } from 'vitest';
import {
  initialLightState,
  type LightState,
  RESIDENTIAL_STREET,
  releaseManual,
  scheduledLevel,
  setManualLevel,
  stepLights,
} from './lighting';
import { localTimeIn } from './local-time';
import { seededRandom } from './random';

const amsterdam = localTimeIn('Europe/Amsterdam');

/** Runs a segment from a local wall-clock time for `seconds`, one tick a second. */
function run(fromIso: string, seconds: number, seed = 1, start?: LightState, dt = 1) {
  const random = seededRandom(seed);
  let state = start ?? { ...initialLightState(random), failedLamps: 0 };
  const from = Date.parse(fromIso);
  const samples: ReturnType<typeof stepLights>['sample'][] = [];
  for (let second = 0; second < seconds; second += dt) {
    const step = stepLights(state, amsterdam(from + second * 1000), dt, random);
    state = step.state;
    samples.push(step.sample);
  }
  return { state, samples };
}

describe('a street-light segment in Amsterdam', () => {
  it('stays off on a June afternoon and comes on after sunset (22:06 summer time)', () => {
    const afternoon = run('2025-06-21T14:00:00+02:00', 600);
    expect(afternoon.samples.every((s) => s.dimLevel === 0 && s.power === 0)).toBe(true);
    const beforeSunset = run('2025-06-21T21:55:00+02:00', 300);
    expect(beforeSunset.samples.every((s) => s.dimLevel === 0)).toBe(true);
    const afterSunset = run('2025-06-21T22:15:00+02:00', 300);
    expect(afterSunset.samples.every((s) => s.dimLevel >= 20)).toBe(true);
  });

  it('is already on at 17:00 in December (sunset about 16:29) and off again by 09:00', () => {
    expect(run('2025-12-21T17:00:00+01:00', 60).samples.at(-1)?.dimLevel).toBeGreaterThanOrEqual(20);
    expect(run('2025-12-22T09:00:00+01:00', 60).samples.at(-1)?.dimLevel).toBe(0);
  });

  it('dims an empty street to 20% at night and goes to 100% while someone is there', () => {
    expect(scheduledLevel(true, false)).toBe(20);
    expect(scheduledLevel(true, true)).toBe(100);
    expect(scheduledLevel(false, true)).toBe(0);
    const evening = run('2025-12-21T19:00:00+01:00', 3600, 4);
    const levels = new Set(evening.samples.map((s) => s.dimLevel));
    expect(levels).toEqual(new Set([20, 100]));
    for (const sample of evening.samples) expect(sample.dimLevel).toBe(sample.presence ? 100 : 20);
    const busy = evening.samples.filter((s) => s.presence).length / evening.samples.length;
    const small = run('2025-12-22T03:30:00+01:00', 3600, 4).samples;
    const quiet = small.filter((s) => s.presence).length / small.length;
    expect(busy).toBeGreaterThan(0.3);
    expect(quiet).toBeLessThan(busy / 3);
  });

  it('draws lamps × rated watts × dim level, fading rather than jumping', () => {
    const { samples } = run('2025-12-21T23:00:00+01:00', 1800, 6);
    const steady = samples.filter((s, i) => i > 10 && samples[i - 10]?.dimLevel === s.dimLevel);
    expect(steady.length).toBeGreaterThan(100);
    for (const sample of steady) {
      const expected =
        (sample.lampCount - sample.failedLamps) * RESIDENTIAL_STREET.ratedW * (sample.dimLevel / 100);
      expect(Math.abs(sample.power - expected)).toBeLessThan(0.02 * expected);
    }
    const powers = samples.map((s) => s.power);
    const jumps = powers.slice(1).map((p, i) => Math.abs(p - (powers[i] ?? p)));
    expect(Math.max(...jumps)).toBeLessThan(0.25 * RESIDENTIAL_STREET.lamps * RESIDENTIAL_STREET.ratedW);
  });

  it('obeys a level written from outside, by day and by night, until control is handed back', () => {
    const random = seededRandom(2);
    const manual = setManualLevel(initialLightState(random), 60);
    const day = run('2025-06-21T14:00:00+02:00', 30, 2, manual);
    expect(day.samples.at(-1)).toMatchObject({ dimLevel: 60, mode: 'manual' });
    const night = run('2025-06-22T01:00:00+02:00', 600, 2, day.state);
    expect(night.samples.every((s) => s.dimLevel === 60)).toBe(true);
    const released = run('2025-06-22T01:10:00+02:00', 30, 2, releaseManual(night.state));
    expect(released.samples.at(-1)?.mode).toBe('auto');
    expect([20, 100]).toContain(released.samples.at(-1)?.dimLevel);
  });

  it('now and then loses a lamp, which a crew replaces within days', () => {
    const { samples } = run('2025-01-01T00:00:00+01:00', 90 * 86_400, 9, undefined, 60);
    const withFailures = samples.filter((s) => s.failedLamps > 0).length / samples.length;
    expect(samples.some((s) => s.failedLamps >= 1)).toBe(true);
    expect(withFailures).toBeGreaterThan(0.05);
    expect(withFailures).toBeLessThan(0.8);
  });
});
