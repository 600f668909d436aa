import type { ColourBand } from '../../colour-bands';

/**
 * Measured speed as a share of the road's free-flow speed, the way traffic maps colour congestion:
 * standstill below 20 %, slow below 45 %, busy below 70 %, free flow above.
 */
export const SPEED_RATIO_BANDS: readonly ColourBand[] = [
  { below: 0.2, label: 'Standstill', colour: [200, 30, 60] },
  { below: 0.45, label: 'Slow', colour: [255, 90, 40] },
  { below: 0.7, label: 'Busy', colour: [255, 200, 0] },
  { below: Number.POSITIVE_INFINITY, label: 'Free flow', colour: [40, 210, 120] },
];

/** The channel metric that colours a loop detector on the map. */
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
