import { describe, expect, it } from 'vitest';
import { seededRandom } from './random';
import { combineLoads, initialSupplyState, stepSupply } from './supply';

describe("a field cabinet's three-phase energy meter", () => {
  it('measures two running pumps: about 18 kW over three phases at 230 V and 50 Hz', () => {
    const random = seededRandom(1);
    let state = initialSupplyState(random);
    const load = combineLoads([
      { watts: 18_000, powerFactor: 0.85 },
      { watts: 150, powerFactor: 0.9 },
    ]);
    let sample = stepSupply(state, load, 1, random).sample;
    for (let second = 0; second < 3600; second++) {
      const step = stepSupply(state, load, 1, random);
      state = step.state;
      sample = step.sample;
    }
    expect(sample.totalPower).toBeCloseTo(18_150, 6);
    expect(sample.power[0] + sample.power[1] + sample.power[2]).toBeCloseTo(18_150, 6);
    for (const volts of sample.voltage) {
      expect(volts).toBeGreaterThan(220);
      expect(volts).toBeLessThan(242);
    }
    // P = V × I × cos φ on every phase.
    sample.current.forEach((amps, phase) => {
      expect(amps * (sample.voltage[phase] ?? 0) * sample.powerFactor).toBeCloseTo(
        sample.power[phase] ?? 0,
        6,
      );
    });
    expect(sample.powerFactor).toBeGreaterThan(0.84);
    expect(sample.powerFactor).toBeLessThan(0.86);
    expect(sample.apparentPower).toBeGreaterThan(sample.totalPower);
    expect(Math.abs(sample.frequency - 50)).toBeLessThan(0.1);
  });

  it('counts an hour at 2 kW as 2 kWh on the import register', () => {
    const random = seededRandom(2);
    let state = initialSupplyState(random);
    const before = state.importKwh;
    for (let second = 0; second < 3600; second += 10) {
      state = stepSupply(state, { watts: 2000, powerFactor: 0.95 }, 10, random).state;
    }
    expect(state.importKwh - before).toBeCloseTo(2, 6);
  });
});
