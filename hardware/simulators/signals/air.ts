import type { LocalTime } from './local-time';
import { clamp, ouStep, type Random } from './random';
import { trafficDemand } from './traffic';

/** A city-background station such as Amsterdam-Vondelpark (µg/m³). */
export interface AirSite {
  no2BackgroundUgM3: number;
  /** NO2 added at full traffic demand; road traffic is the main NO2 source in a city. */
  no2TrafficShareUgM3: number;
  pm10MeanUgM3: number;
  /** PM2.5 is mostly a fixed share of PM10 at background sites. */
  pm25Share: number;
}

export const CITY_BACKGROUND: AirSite = {
  no2BackgroundUgM3: 16,
  no2TrafficShareUgM3: 30,
  pm10MeanUgM3: 19,
  pm25Share: 0.6,
};

export interface AirState {
  no2NoiseUgM3: number;
  pm10UgM3: number;
  pm25Share: number;
}

export interface AirSample {
  no2: number;
  pm10: number;
  pm25: number;
}

export function initialAirState(site: AirSite = CITY_BACKGROUND): AirState {
  return { no2NoiseUgM3: 0, pm10UgM3: site.pm10MeanUgM3, pm25Share: site.pm25Share };
}

export function stepAir(
  state: AirState,
  time: LocalTime,
  dtSeconds: number,
  random: Random,
  site: AirSite = CITY_BACKGROUND,
): { state: AirState; sample: AirSample } {
  const next: AirState = {
    no2NoiseUgM3: ouStep(state.no2NoiseUgM3, { mean: 0, sd: 2.5, tauSeconds: 90 }, dtSeconds, random),
    // Particulate matter drifts with the weather over hours, not with the traffic of the minute.
    pm10UgM3: ouStep(state.pm10UgM3, { mean: site.pm10MeanUgM3, sd: 6, tauSeconds: 3600 }, dtSeconds, random),
    pm25Share: ouStep(
      state.pm25Share,
      { mean: site.pm25Share, sd: 0.03, tauSeconds: 900 },
      dtSeconds,
      random,
    ),
  };
  const no2 = site.no2BackgroundUgM3 + site.no2TrafficShareUgM3 * trafficDemand(time) + next.no2NoiseUgM3;
  const pm10 = Math.max(1, next.pm10UgM3);
  return {
    state: next,
    sample: { no2: Math.max(0, no2), pm10, pm25: pm10 * clamp(next.pm25Share, 0.3, 0.9) },
  };
}
