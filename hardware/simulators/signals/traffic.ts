import type { LocalTime } from './local-time';
import { clamp, ouStep, type Random } from './random';

/** A road section as a loop detector sees it: all lanes of one carriageway. */
export interface RoadSection {
  capacityVehPerHour: number;
  freeFlowKmh: number;
  lanes: number;
}

/** The A10 West: three lanes a direction, 100 km/h limit. */
export const A10_WEST: RoadSection = { capacityVehPerHour: 6000, freeFlowKmh: 100, lanes: 3 };

/** Vehicle length plus loop length: how long a passing car keeps the loop occupied, in metres. */
const EFFECTIVE_VEHICLE_LENGTH_M = 7.5;

const bump = (hour: number, centre: number, width: number) => Math.exp(-(((hour - centre) / width) ** 2) / 2);
const rise = (hour: number, at: number, width: number) => 1 / (1 + Math.exp(-(hour - at) / width));

/**
 * Demand as a share of capacity over the day. Weekdays have a sharp morning rush (about 08:00)
 * and a broader evening rush (about 17:00) over a daytime plateau; weekends one late, lower hump.
 */
export function trafficDemand({ hour, weekend }: LocalTime): number {
  const night = 0.05;
  if (weekend) {
    const day = 0.3 * rise(hour, 9, 1) * rise(21.5, hour, 1);
    return night + day + 0.2 * bump(hour, 14, 2.5);
  }
  const day = 0.4 * rise(hour, 6.5, 0.6) * rise(21, hour, 1.2);
  return night + day + 0.42 * bump(hour, 8, 0.9) + 0.38 * bump(hour, 17, 1.2);
}

/** Fundamental diagram: free-flow speed at light traffic, falling steeply as flow nears capacity. */
export function speedAtFlow(flowVehPerHour: number, road: RoadSection): number {
  const saturation = clamp(flowVehPerHour / road.capacityVehPerHour, 0, 1);
  return road.freeFlowKmh * (1 - 0.6 * saturation ** 4);
}

/** Share of time a loop is covered: density per lane times the effective vehicle length. */
export function occupancyPercent(flowVehPerHour: number, speedKmh: number, road: RoadSection): number {
  if (speedKmh <= 0) return 100;
  const densityPerLaneKm = flowVehPerHour / speedKmh / road.lanes;
  return clamp(densityPerLaneKm * (EFFECTIVE_VEHICLE_LENGTH_M / 1000) * 100, 0, 100);
}

export interface TrafficState {
  /** Log-scale wobble on demand: platoons, a slow truck. */
  demandNoise: number;
  speedNoiseKmh: number;
}

export interface TrafficSample {
  flow: number;
  speed: number;
  occupancy: number;
}

export const initialTrafficState: TrafficState = { demandNoise: 0, speedNoiseKmh: 0 };

const DEMAND_NOISE = { mean: 0, sd: 0.05, tauSeconds: 45 };
const SPEED_NOISE = { mean: 0, sd: 2.5, tauSeconds: 30 };

export function stepTraffic(
  state: TrafficState,
  time: LocalTime,
  dtSeconds: number,
  random: Random,
  road: RoadSection = A10_WEST,
): { state: TrafficState; sample: TrafficSample } {
  const next: TrafficState = {
    demandNoise: ouStep(state.demandNoise, DEMAND_NOISE, dtSeconds, random),
    speedNoiseKmh: ouStep(state.speedNoiseKmh, SPEED_NOISE, dtSeconds, random),
  };
  const demand = clamp(trafficDemand(time) * Math.exp(next.demandNoise), 0, 0.98);
  const flow = demand * road.capacityVehPerHour;
  const speed = clamp(speedAtFlow(flow, road) + next.speedNoiseKmh, 5, road.freeFlowKmh * 1.15);
  return { state: next, sample: { flow, speed, occupancy: occupancyPercent(flow, speed, road) } };
}
