import type { Band } from '../../colour-bands';

/**
 * Measured speed as a share of the road's free-flow speed: standstill below 20 %, slow below 45 %,
 * busy below 70 %, free flow above. Free flow and busy are a normal day (greys); slow and standstill
 * are congestion, drawn bright and wide with a dash so it reads without colour.
 */
export const SPEED_RATIO_BANDS: readonly Band[] = [
  { below: 0.2, key: 'standstill', emphasis: 'abnormal' },
  { below: 0.45, key: 'slow', emphasis: 'abnormal' },
  { below: 0.7, key: 'busy', emphasis: 'high' },
  { below: Number.POSITIVE_INFINITY, key: 'freeFlow', emphasis: 'low' },
];

/** The channel metric that marks a loop detector on the map. */
export const TRAFFIC_COLOUR_METRIC = 'speed';

/** Used when an asset does not say its free-flow speed in `properties.freeFlowKmh` (or `speedLimitKmh`). */
export const DEFAULT_FREE_FLOW_KMH = 100;

export function freeFlowKmhOf(properties: Record<string, unknown>): number {
  for (const key of ['freeFlowKmh', 'speedLimitKmh']) {
    const candidate = properties[key];
    if (typeof candidate === 'number' && candidate > 0) return candidate;
  }
  return DEFAULT_FREE_FLOW_KMH;
}

/** Width in pixels from flow: 3 px empty, 14 px at 6,000 veh/h (three busy lanes) and above. */
export function widthOfFlow(vehiclesPerHour: number | null): number {
  if (vehiclesPerHour === null || !Number.isFinite(vehiclesPerHour)) return 3;
  return 3 + Math.min(1, Math.max(0, vehiclesPerHour) / 6000) * 11;
}
