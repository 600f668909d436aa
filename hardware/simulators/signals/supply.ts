import { clamp, ouStep, type Random } from './random';

/**
 * The electrical supply of a field cabinet as its three-phase energy meter measures it: the
 * load of the equipment in the cabinet spread over three phases of the Dutch 230/400 V grid.
 */
export interface ElectricalLoad {
  watts: number;
  /** cos φ of the load: motors lag (about 0.85), LED drivers and electronics about 0.95. */
  powerFactor: number;
}

export interface SupplyState {
  /** Deviation of each phase voltage from nominal; the grid wanders slowly. */
  voltageNoiseV: [number, number, number];
  frequencyNoiseHz: number;
  /** How the load divides over L1, L2 and L3; fixed by the cabinet's wiring. */
  phaseShares: [number, number, number];
  importKwh: number;
}

export interface SupplySample {
  voltage: [number, number, number];
  current: [number, number, number];
  power: [number, number, number];
  voltageAverage: number;
  currentSum: number;
  totalPower: number;
  apparentPower: number;
  powerFactor: number;
  frequency: number;
  importKwh: number;
  exportKwh: number;
}

const NOMINAL_V = 230;
const VOLTAGE_NOISE = { mean: 1.5, sd: 2, tauSeconds: 900 };
const FREQUENCY_NOISE = { mean: 0, sd: 0.02, tauSeconds: 60 };

/** A meter that has been in service a while, wired a little unevenly. */
export function initialSupplyState(random: Random): SupplyState {
  const weights = [1, 1, 1].map(() => 0.85 + 0.3 * random());
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  return {
    voltageNoiseV: [0, 0, 0],
    frequencyNoiseHz: 0,
    phaseShares: weights.map((weight) => weight / total) as [number, number, number],
    importKwh: Math.round(1000 + 20_000 * random()),
  };
}

/** Adds loads into one, weighting the power factor by the power drawn. */
export function combineLoads(loads: Iterable<ElectricalLoad>): ElectricalLoad {
  let watts = 0;
  let apparent = 0;
  for (const load of loads) {
    watts += load.watts;
    apparent += load.watts / load.powerFactor;
  }
  return { watts, powerFactor: apparent > 0 ? watts / apparent : 1 };
}

export function stepSupply(
  state: SupplyState,
  load: ElectricalLoad,
  dtSeconds: number,
  random: Random,
): { state: SupplyState; sample: SupplySample } {
  const voltageNoiseV = state.voltageNoiseV.map((noise) =>
    ouStep(noise, VOLTAGE_NOISE, dtSeconds, random),
  ) as SupplyState['voltageNoiseV'];
  const frequencyNoiseHz = ouStep(state.frequencyNoiseHz, FREQUENCY_NOISE, dtSeconds, random);
  const watts = Math.max(0, load.watts);
  const powerFactor = clamp(load.powerFactor, 0.3, 1);
  const importKwh = state.importKwh + (watts / 1000) * (dtSeconds / 3600);

  const voltage = voltageNoiseV.map((noise) => NOMINAL_V + noise) as SupplySample['voltage'];
  const power = state.phaseShares.map((share) => watts * share) as SupplySample['power'];
  const current = power.map(
    (phaseWatts, phase) => phaseWatts / ((voltage[phase] ?? NOMINAL_V) * powerFactor),
  ) as SupplySample['current'];
  return {
    state: { ...state, voltageNoiseV, frequencyNoiseHz, importKwh },
    sample: {
      voltage,
      current,
      power,
      voltageAverage: (voltage[0] + voltage[1] + voltage[2]) / 3,
      currentSum: current[0] + current[1] + current[2],
      totalPower: watts,
      apparentPower: watts / powerFactor,
      powerFactor,
      frequency: 50 + frequencyNoiseHz,
      importKwh,
      exportKwh: 0,
    },
  };
}
