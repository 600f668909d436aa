import type { LocalTime } from './local-time';
import { ouStep, type Random } from './random';

/**
 * A sewer pumping station (rioolgemaal) on a combined sewer: dry-weather flow from the houses,
 * rain from the paved catchment, a wet well whose level integrates inflow minus pumped flow, and
 * two pumps switched by level with hysteresis. When rain brings more than both pumps move, the well
 * reaches the overflow sill and spills (a combined sewer overflow).
 */
export interface PumpingStation {
  /** Plan area of the wet well; level rises by inflow / area. */
  wellAreaM2: number;
  /** Each pump's duty flow. */
  pumpCapacityM3PerH: number;
  /** Paved area that drains to this station. */
  catchmentHa: number;
  /** Share of the rain on the paved area that reaches the sewer. */
  runoffCoefficient: number;
  /** Mean dry-weather flow (foul water from the houses). */
  dryWeatherFlowM3PerH: number;
  /** Level at which the well spills into surface water. */
  overflowSillM: number;
  highLevelAlarmM: number;
  /** Electrical power of a running pump, for the cabinet's energy meter. */
  pumpPowerW: number;
}

/**
 * About 6 ha of paved catchment on two 180 m³/h pumps. Real Dutch systems buffer rain in the
 * sewer pipes too; this model has only the well, so the pumps are sized for about 6 mm/h of rain.
 */
export const NEIGHBOURHOOD_STATION: PumpingStation = {
  wellAreaM2: 30,
  pumpCapacityM3PerH: 180,
  catchmentHa: 6,
  runoffCoefficient: 0.8,
  dryWeatherFlowM3PerH: 45,
  overflowSillM: 2.8,
  highLevelAlarmM: 2.4,
  pumpPowerW: 9000,
};

export interface PumpLevels {
  /** The lead pump starts here... */
  startLeadM: number;
  /** ...the lag pump here... */
  startLagM: number;
  /** ...and both stop here. */
  stopM: number;
}

export const DEFAULT_LEVELS: PumpLevels = { startLeadM: 1.2, startLagM: 1.8, stopM: 0.5 };

export interface PumpState {
  running: boolean;
  /** Seconds until the fault is reset by the maintenance crew; 0 = healthy. */
  faultRemainingS: number;
  runSeconds: number;
}

export interface SewerState {
  levelM: number;
  /** Rain water on its way through the pipes to the well, as a flow. */
  runoffM3PerH: number;
  dryWeatherNoise: number;
  /** Which pump leads: they take turns, so their run hours stay even. */
  lead: 0 | 1;
  pumps: [PumpState, PumpState];
  overflowing: boolean;
  highLevel: boolean;
}

export interface SewerSample {
  level: number;
  inflow: number;
  outflow: number;
  running: [boolean, boolean];
  fault: [boolean, boolean];
  runHours: [number, number];
  highLevel: boolean;
  overflow: boolean;
  /** Electrical load of the station for its energy meter. */
  powerW: number;
}

/** Run hours differ per station: they were installed at different times. */
export function initialSewerState(random: Random): SewerState {
  const pump = (): PumpState => ({
    running: false,
    faultRemainingS: 0,
    runSeconds: Math.round((4000 + 16_000 * random()) * 3600),
  });
  return {
    levelM: 0.8,
    runoffM3PerH: 0,
    dryWeatherNoise: 0,
    lead: 0,
    pumps: [pump(), pump()],
    overflowing: false,
    highLevel: false,
  };
}

/** Foul water follows the households: low at night, a morning peak around 08:00, a second at 20:00. */
export function dryWeatherFactor(hour: number): number {
  const bump = (centre: number, width: number) => Math.exp(-(((hour - centre) / width) ** 2) / 2);
  return 0.45 + 1.0 * bump(8, 1.5) + 0.7 * bump(20, 2) + 0.35 * bump(13, 3);
}

/** Rain takes time to run through the pipes to the well. */
const RUNOFF_TAU_S = 1200;
const DRY_WEATHER_NOISE = { mean: 0, sd: 0.12, tauSeconds: 600 };
/** A running pump clogs with rags about once in ten days of running; the crew resets it in hours. */
const FAULTS_PER_RUN_SECOND = 1 / (10 * 86_400);
const FAULT_REPAIR_S = 4 * 3600;

export function stepSewer(
  state: SewerState,
  time: LocalTime,
  dtSeconds: number,
  random: Random,
  rainMmPerH: number,
  levels: PumpLevels = DEFAULT_LEVELS,
  station: PumpingStation = NEIGHBOURHOOD_STATION,
): { state: SewerState; sample: SewerSample } {
  const dryWeatherNoise = ouStep(state.dryWeatherNoise, DRY_WEATHER_NOISE, dtSeconds, random);
  const dryWeather = station.dryWeatherFlowM3PerH * dryWeatherFactor(time.hour) * Math.exp(dryWeatherNoise);
  // 1 mm on 1 ha is 10 m³.
  const rainInflow = rainMmPerH * station.catchmentHa * 10 * station.runoffCoefficient;
  const runoff = rainInflow + (state.runoffM3PerH - rainInflow) * Math.exp(-dtSeconds / RUNOFF_TAU_S);
  const inflow = dryWeather + runoff;

  const pumps = state.pumps.map((pump) => {
    const faultRemainingS = Math.max(0, pump.faultRemainingS - dtSeconds);
    const clogs = pump.running && random() < FAULTS_PER_RUN_SECOND * dtSeconds;
    return { ...pump, faultRemainingS: clogs ? FAULT_REPAIR_S : faultRemainingS };
  }) as [PumpState, PumpState];
  const healthy = (index: 0 | 1) => pumps[index].faultRemainingS === 0;
  const lag: 0 | 1 = state.lead === 0 ? 1 : 0;
  // If the lead pump is out, the lag pump takes its start level.
  const startOf = (index: 0 | 1) =>
    index === state.lead || !healthy(state.lead) ? levels.startLeadM : levels.startLagM;
  for (const index of [state.lead, lag]) {
    const pump = pumps[index];
    if (!healthy(index)) pump.running = false;
    else if (state.levelM >= startOf(index)) pump.running = true;
    else if (state.levelM <= levels.stopM) pump.running = false;
  }
  const outflow = pumps.reduce((sum, pump) => sum + (pump.running ? station.pumpCapacityM3PerH : 0), 0);
  for (const pump of pumps) if (pump.running) pump.runSeconds += dtSeconds;

  const unbounded = Math.max(
    0,
    state.levelM + ((inflow - outflow) / station.wellAreaM2) * (dtSeconds / 3600),
  );
  const levelM = Math.min(unbounded, station.overflowSillM);
  const overflowing =
    unbounded >= station.overflowSillM || (state.overflowing && levelM > station.overflowSillM - 0.05);
  const highLevel =
    levelM >= station.highLevelAlarmM || (state.highLevel && levelM > station.highLevelAlarmM - 0.1);
  const anyRunning = pumps.some((pump) => pump.running);
  const wasRunning = state.pumps.some((pump) => pump.running);
  // When the well is pumped down, the other pump leads the next cycle.
  const lead = wasRunning && !anyRunning ? lag : state.lead;

  return {
    state: { levelM, runoffM3PerH: runoff, dryWeatherNoise, lead, pumps, overflowing, highLevel },
    sample: {
      level: levelM,
      inflow,
      outflow,
      running: [pumps[0].running, pumps[1].running],
      fault: [!healthy(0), !healthy(1)],
      runHours: [pumps[0].runSeconds / 3600, pumps[1].runSeconds / 3600],
      highLevel,
      overflow: overflowing,
      powerW: 150 + pumps.filter((pump) => pump.running).length * station.pumpPowerW,
    },
  };
}
