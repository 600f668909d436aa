import type { AssetKind } from '@city/db/domain';
import { initialAirState, stepAir } from './air';
import type { LocalTime } from './local-time';
import type { Random } from './random';
import { initialTrafficState, stepTraffic } from './traffic';

/** Produces the next engineering value per metric (e.g. { flow: 3120, speed: 87.4 }) for one device. */
export interface SignalSource {
  next(time: LocalTime, dtSeconds: number): Record<string, number>;
}

/** Signal models by the kind of asset a device measures; kinds without one keep their registers as set. */
export function signalSourceFor(kind: AssetKind, random: Random): SignalSource | undefined {
  switch (kind) {
    case 'loop-detector': {
      let state = initialTrafficState;
      return {
        next(time, dtSeconds) {
          const step = stepTraffic(state, time, dtSeconds, random);
          state = step.state;
          return { ...step.sample };
        },
      };
    }
    case 'air-quality-station': {
      let state = initialAirState();
      return {
        next(time, dtSeconds) {
          const step = stepAir(state, time, dtSeconds, random);
          state = step.state;
          return { ...step.sample };
        },
      };
    }
    default:
      return undefined;
  }
}

/**
 * A live value that shows the same digits twice looks frozen on a control-room screen. When the
 * model moved less than one display step, move one step in the model's direction (or a random one).
 */
export function withVisibleChange(
  previous: number,
  next: number,
  resolution: number,
  random: Random,
): number {
  if (Math.round(previous / resolution) !== Math.round(next / resolution)) return next;
  const direction = next > previous ? 1 : next < previous ? -1 : random() < 0.5 ? -1 : 1;
  return previous + direction * resolution;
}
