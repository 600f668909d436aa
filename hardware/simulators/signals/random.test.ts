import { describe, expect, it } from 'vitest';
import { gaussian, ouStep, seededRandom, seedOf } from './random';
import { mean } from './statistics';

describe('seeded noise', () => {
  it('gives the same stream for the same seed and a different one per device name', () => {
    const a = seededRandom(seedOf(1, 'loop-a10-west'));
    const b = seededRandom(seedOf(1, 'loop-a10-west'));
    const c = seededRandom(seedOf(1, 'aq-vondelpark'));
    const first = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(first);
    expect(Array.from({ length: 5 }, c)).not.toEqual(first);
    for (const value of first) expect(value).toSatisfy((v: number) => v >= 0 && v < 1);
  });

  it('draws standard normal samples', () => {
    const random = seededRandom(9);
    const samples = Array.from({ length: 20_000 }, () => gaussian(random));
    expect(mean(samples)).toBeCloseTo(0, 1);
    expect(Math.sqrt(mean(samples.map((x) => x * x)))).toBeCloseTo(1, 1);
  });

  it('mean-reverts with the same spread whatever the tick length', () => {
    const process = { mean: 20, sd: 5, tauSeconds: 60 };
    for (const dtSeconds of [1, 10]) {
      const random = seededRandom(5);
      let value = 100;
      const values: number[] = [];
      for (let i = 0; i < 50_000; i++) {
        value = ouStep(value, process, dtSeconds, random);
        if (i > 1000) values.push(value);
      }
      const m = mean(values);
      expect(m).toBeGreaterThan(19);
      expect(m).toBeLessThan(21);
      expect(Math.sqrt(mean(values.map((v) => (v - m) ** 2)))).toBeCloseTo(5, 0);
    }
  });
});
