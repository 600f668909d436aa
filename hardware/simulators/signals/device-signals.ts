import type { Asset } from '@city/domain';
import { airStatusFlags, CITY_BACKGROUND, initialAirState, STREET_TRAFFIC, stepAir } from './air';
import type { CabinetSignals } from './cabinet-signals';
import { initialLightState, releaseManual, setManualLevel, stepLights } from './lighting';
import type { LocalTime } from './local-time';
import { initialRainGaugeState, stepRainGauge } from './rain-gauge';
import type { Random } from './random';
import { DEFAULT_LEVELS, initialSewerState, NEIGHBOURHOOD_STATION, stepSewer } from './sewer';
import { AMSTERDAM } from './solar';
import { initialSupplyState, stepSupply } from './supply';
import { clearIncident, initialTrafficState, startIncident, stepTraffic } from './traffic';

/** What a signal model says about its device this tick, by metric. */
export interface SignalSample {
  /** Live measurements; the device nudges them so a screen never shows the same digits twice. */
  measured?: Record<string, number>;
  /** Counts, totals, bits and levels a controller sets itself: written exactly as given. */
  exact?: Record<string, number>;
  /** Bitfield points: the names of the bits that are set; the profile says which bit each is. */
  flags?: Record<string, readonly string[]>;
  /** Enum points: the name of the current value; the profile says which number it is. */
  states?: Record<string, string>;
}

/** Scenarios a test or an operator can switch on: a crash on the road. */
export type SignalEvent = { kind: 'incident'; lanesBlocked: number } | { kind: 'incident-cleared' };

export interface SignalSource {
  /** `setpoints` holds the read-write points' current values, by metric. */
  next(time: LocalTime, dtSeconds: number, setpoints: Readonly<Record<string, number>>): SignalSample;
  /** A master has written a read-write point (engineering value). */
  written?(metric: string, value: number): void;
  /** Returns false when this kind of device has no such scenario. */
  trigger?(event: SignalEvent): boolean;
}

export interface SignalDevice {
  id: string;
  asset: Pick<Asset, 'kind' | 'properties'>;
}

/** A positive number from the asset's properties (the city file checks their type), or the default. */
function property(asset: SignalDevice['asset'], name: string, fallback: number): number {
  const value = asset.properties[name];
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
}

/** Signal models by the kind of asset a device measures; kinds without one keep their registers as set. */
export function signalSourceFor(
  device: SignalDevice,
  random: Random,
  cabinet: CabinetSignals,
): SignalSource | undefined {
  const { asset } = device;
  switch (asset.kind) {
    case 'loop-detector': {
      let state = initialTrafficState;
      cabinet.reportLoad(device.id, { watts: 60, powerFactor: 0.9 });
      return {
        next(time, dtSeconds) {
          const step = stepTraffic(state, time, dtSeconds, random);
          state = step.state;
          const measured: Record<string, number> = { ...step.sample };
          step.lanes.forEach((lane, index) => {
            measured[`lane${index + 1}-flow`] = lane.flow;
            measured[`lane${index + 1}-speed`] = lane.speed;
            measured[`lane${index + 1}-occupancy`] = lane.occupancy;
          });
          return { measured, flags: { 'fault-bits': [] } };
        },
        trigger(event) {
          state =
            event.kind === 'incident'
              ? startIncident(state, { lanesBlocked: event.lanesBlocked })
              : clearIncident(state);
          return true;
        },
      };
    }
    case 'air-quality-station': {
      const site = asset.properties.stationType === 'Street Traffic' ? STREET_TRAFFIC : CITY_BACKGROUND;
      let state = initialAirState(site);
      cabinet.reportLoad(device.id, { watts: 1500, powerFactor: 0.9 });
      return {
        next(time, dtSeconds) {
          const step = stepAir(state, time, dtSeconds, random, site, cabinet.weather);
          state = step.state;
          return {
            measured: { ...step.sample },
            flags: { status: airStatusFlags(time, cabinet.weather) },
          };
        },
      };
    }
    case 'pumping-station': {
      const station = {
        ...NEIGHBOURHOOD_STATION,
        pumpCapacityM3PerH: property(asset, 'pumpCapacityM3PerH', NEIGHBOURHOOD_STATION.pumpCapacityM3PerH),
        wellAreaM2: property(asset, 'wellAreaM2', NEIGHBOURHOOD_STATION.wellAreaM2),
        catchmentHa: property(asset, 'catchmentHa', NEIGHBOURHOOD_STATION.catchmentHa),
      };
      let state = initialSewerState(random);
      return {
        next(time, dtSeconds, setpoints) {
          const startLeadM = setpoints['start-level-lead'] ?? DEFAULT_LEVELS.startLeadM;
          const levels = {
            startLeadM,
            startLagM: Math.max(setpoints['start-level-lag'] ?? DEFAULT_LEVELS.startLagM, startLeadM),
            // A stop level above the start level would never stop the pumps.
            stopM: Math.min(setpoints['stop-level'] ?? DEFAULT_LEVELS.stopM, startLeadM - 0.1),
          };
          const step = stepSewer(state, time, dtSeconds, random, cabinet.weather.rainMmPerH, levels, station);
          state = step.state;
          const { sample } = step;
          cabinet.reportLoad(device.id, { watts: sample.powerW, powerFactor: 0.85 });
          const bit = (on: boolean) => (on ? 1 : 0);
          return {
            measured: { level: sample.level, inflow: sample.inflow, outflow: sample.outflow },
            exact: {
              'pump1-running': bit(sample.running[0]),
              'pump2-running': bit(sample.running[1]),
              'pump1-fault': bit(sample.fault[0]),
              'pump2-fault': bit(sample.fault[1]),
              'pump1-run-hours': sample.runHours[0],
              'pump2-run-hours': sample.runHours[1],
              'high-level': bit(sample.highLevel),
              overflow: bit(sample.overflow),
            },
            states: { 'pump1-mode': 'auto', 'pump2-mode': 'auto' },
          };
        },
      };
    }
    case 'rain-gauge': {
      let state = initialRainGaugeState(random);
      cabinet.reportLoad(device.id, { watts: 5, powerFactor: 0.9 });
      return {
        next(time, dtSeconds) {
          const step = stepRainGauge(state, time, dtSeconds, cabinet.weather.rainMmPerH);
          state = step.state;
          return {
            measured: { intensity: step.sample.intensity },
            exact: { 'rain-today': step.sample.rainToday, 'rain-total': step.sample.rainTotal },
          };
        },
      };
    }
    case 'street-light-segment': {
      const segment = {
        lamps: Math.round(property(asset, 'lamps', 12)),
        ratedW: property(asset, 'lampWatts', 40),
        place: AMSTERDAM,
      };
      let state = initialLightState(random);
      return {
        next(time, dtSeconds) {
          const step = stepLights(state, time, dtSeconds, random, segment);
          state = step.state;
          const { sample } = step;
          cabinet.reportLoad(device.id, { watts: sample.power + 10, powerFactor: 0.95 });
          return {
            measured: { power: sample.power },
            exact: {
              'dim-level': sample.dimLevel,
              'failed-lamps': sample.failedLamps,
              'lamp-count': sample.lampCount,
              presence: sample.presence ? 1 : 0,
            },
            states: { 'control-mode': sample.mode },
          };
        },
        written(metric, value) {
          if (metric === 'dim-level') state = setManualLevel(state, value);
          if (metric === 'control-mode') {
            state = value === 0 ? releaseManual(state) : setManualLevel(state, state.manualPercent ?? 0);
          }
        },
      };
    }
    case 'field-cabinet': {
      let state = initialSupplyState(random);
      return {
        next(_time, dtSeconds) {
          const step = stepSupply(state, cabinet.loadExcept(device.id), dtSeconds, random);
          state = step.state;
          const { sample } = step;
          const measured: Record<string, number> = {
            'voltage-average': sample.voltageAverage,
            'current-sum': sample.currentSum,
            power: sample.totalPower,
            'apparent-power': sample.apparentPower,
          };
          for (const phase of [0, 1, 2] as const) {
            measured[`voltage-l${phase + 1}`] = sample.voltage[phase];
            measured[`current-l${phase + 1}`] = sample.current[phase];
            measured[`power-l${phase + 1}`] = sample.power[phase];
          }
          return {
            measured,
            exact: {
              'power-factor': sample.powerFactor,
              frequency: sample.frequency,
              'energy-import': sample.importKwh,
              'energy-export': sample.exportKwh,
            },
          };
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
