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
  /** Per lane, a small wobble on the lane's share of the flow. */
  laneShareNoise: readonly number[];
  /** The incident downstream of the detector, until its queue has dissolved after clearing. */
  incident?: Incident & { cleared?: boolean };
  /** 0 = no effect, 1 = the queue fully formed; rises in minutes, clears more slowly. */
  incidentLevel: number;
}

export interface TrafficSample {
  flow: number;
  speed: number;
  occupancy: number;
}

/** One lane as its loop sees it; lane 1 is the leftmost, as NDW numbers them. */
export interface LaneSample {
  flow: number;
  speed: number;
  occupancy: number;
}

/** A blockage downstream: a crash or a breakdown closing some lanes. */
export interface Incident {
  /** Lanes closed, 1..lanes; all lanes closed stops the road. */
  lanesBlocked: number;
}

export const initialTrafficState: TrafficState = {
  demandNoise: 0,
  speedNoiseKmh: 0,
  laneShareNoise: [],
  incidentLevel: 0,
};

const DEMAND_NOISE = { mean: 0, sd: 0.05, tauSeconds: 45 };
const SPEED_NOISE = { mean: 0, sd: 2.5, tauSeconds: 30 };
const LANE_SHARE_NOISE = { mean: 0, sd: 0.03, tauSeconds: 60 };
/** A queue builds within a few minutes of a crash and takes longer to dissolve after. */
const INCIDENT_ONSET_S = 90;
const INCIDENT_CLEARANCE_S = 300;
/** Vehicles per km per lane when standing still: one per effective vehicle length. */
const JAM_DENSITY_PER_LANE_KM = 1000 / EFFECTIVE_VEHICLE_LENGTH_M;
/** How fast a queue's back moves upstream, km/h. */
const BACKWARD_WAVE_KMH = 18;
/** Past a bottleneck the road carries less than its capacity (capacity drop). */
const CAPACITY_DROP = 0.85;
/** Matrix signs show 70 (or less) at an incident, and people slow down to look. */
const INCIDENT_SPEED_LIMIT_KMH = 70;

/** Closes lanes downstream: over the next minutes speed collapses, occupancy rises and flow drops. */
export function startIncident(state: TrafficState, incident: Incident = { lanesBlocked: 1 }): TrafficState {
  return { ...state, incident };
}

/** Opens the road again; the queue dissolves over several minutes. */
export function clearIncident(state: TrafficState): TrafficState {
  return state.incident ? { ...state, incident: { ...state.incident, cleared: true } } : state;
}

/**
 * What the detector sees upstream of an incident. While demand fits through the open lanes traffic
 * only slows down; beyond that a queue forms, and the loop measures the queue: the discharge flow
 * of the bottleneck at the congested speed of the fundamental diagram.
 */
export function incidentTraffic(demandFlow: number, incident: Incident, road: RoadSection): TrafficSample {
  const openShare = clamp((road.lanes - incident.lanesBlocked) / road.lanes, 0, 1);
  const discharge = Math.max(0.03, openShare * CAPACITY_DROP) * road.capacityVehPerHour;
  if (demandFlow <= discharge) {
    const narrowed = { ...road, capacityVehPerHour: discharge };
    const speed = Math.min(speedAtFlow(demandFlow, narrowed), INCIDENT_SPEED_LIMIT_KMH);
    return { flow: demandFlow, speed, occupancy: occupancyPercent(demandFlow, speed, road) };
  }
  const flowPerLane = discharge / road.lanes;
  const density = Math.max(JAM_DENSITY_PER_LANE_KM - flowPerLane / BACKWARD_WAVE_KMH, flowPerLane / 20);
  const speed = flowPerLane / density;
  return { flow: discharge, speed, occupancy: occupancyPercent(discharge, speed, road) };
}

/**
 * Lane shares of the flow: Dutch drivers keep right, so in light traffic the right lane carries
 * most; near capacity the lanes fill evenly, the left one slightly more. Sums to 1. Checked against
 * NDW's A10 site hrr0175 (September 2023 weekdays, lanes left to right): 1/21/78% at 03:00 and
 * 36/35/30% at 08:00.
 */
export function laneShares(saturation: number, lanes: number, noise: readonly number[] = []): number[] {
  if (lanes <= 1) return [1];
  const keepRight = 1.6 * (1 - saturation) ** 1.5 - 0.2 * saturation;
  const weights = Array.from({ length: lanes }, (_, lane) => {
    const position = (2 * lane) / (lanes - 1) - 1; // -1 leftmost .. +1 rightmost
    return Math.exp(keepRight * position + (noise[lane] ?? 0));
  });
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  return weights.map((weight) => weight / total);
}

/**
 * Splits a carriageway sample over its lanes: the left lane faster, the right lane slower (lorries),
 * less so in dense traffic. Lane flows add up to the total, and lane speeds are scaled so that their
 * space-mean speed is the carriageway speed, so the lane occupancies average to its occupancy.
 */
export function splitIntoLanes(
  sample: TrafficSample,
  road: RoadSection,
  noise: readonly number[] = [],
): LaneSample[] {
  const saturation = clamp(sample.flow / road.capacityVehPerHour, 0, 1);
  const shares = laneShares(saturation, road.lanes, noise);
  const flows = shares.map((share) => share * sample.flow);
  const spread = 3 + 9 * (1 - saturation);
  const rawSpeeds = shares.map((_, lane) => {
    const position = road.lanes <= 1 ? 0 : (2 * lane) / (road.lanes - 1) - 1;
    return Math.max(1, sample.speed - position * spread);
  });
  const travelTime = flows.reduce((sum, flow, lane) => sum + flow / (rawSpeeds[lane] ?? 1), 0);
  const scale = travelTime > 0 ? (travelTime * sample.speed) / sample.flow : 1;
  const single: RoadSection = { ...road, lanes: 1 };
  return flows.map((flow, lane) => {
    const speed = (rawSpeeds[lane] ?? sample.speed) * scale;
    return { flow, speed, occupancy: occupancyPercent(flow, speed, single) };
  });
}

export function stepTraffic(
  state: TrafficState,
  time: LocalTime,
  dtSeconds: number,
  random: Random,
  road: RoadSection = A10_WEST,
): { state: TrafficState; sample: TrafficSample; lanes: LaneSample[] } {
  const incidentTarget = state.incident && !state.incident.cleared ? 1 : 0;
  const incidentTau = incidentTarget === 1 ? INCIDENT_ONSET_S : INCIDENT_CLEARANCE_S;
  const next: TrafficState = {
    ...state,
    demandNoise: ouStep(state.demandNoise, DEMAND_NOISE, dtSeconds, random),
    speedNoiseKmh: ouStep(state.speedNoiseKmh, SPEED_NOISE, dtSeconds, random),
    laneShareNoise: Array.from({ length: road.lanes }, (_, lane) =>
      ouStep(state.laneShareNoise[lane] ?? 0, LANE_SHARE_NOISE, dtSeconds, random),
    ),
    incidentLevel:
      incidentTarget + (state.incidentLevel - incidentTarget) * Math.exp(-dtSeconds / incidentTau),
  };
  const demand = clamp(trafficDemand(time) * Math.exp(next.demandNoise), 0, 0.98);
  let flow = demand * road.capacityVehPerHour;
  let speed = speedAtFlow(flow, road);
  const blend = next.incidentLevel;
  if (state.incident && blend > 0.01) {
    const blocked = incidentTraffic(flow, state.incident, road);
    flow = (1 - blend) * flow + blend * blocked.flow;
    speed = (1 - blend) * speed + blend * blocked.speed;
  } else if (state.incident?.cleared) {
    delete next.incident;
  }
  speed = clamp(speed + next.speedNoiseKmh, 3, road.freeFlowKmh * 1.15);
  const sample = { flow, speed, occupancy: occupancyPercent(flow, speed, road) };
  return { state: next, sample, lanes: splitIntoLanes(sample, road, next.laneShareNoise) };
}
