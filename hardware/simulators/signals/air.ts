import type { LocalTime } from './local-time';
import { clamp, ouStep, type Random } from './random';
import { trafficDemand } from './traffic';
import { typicalWeather, type WeatherSample } from './weather';

/** A city-background station such as Amsterdam-Vondelpark (µg/m³). */
export interface AirSite {
  no2BackgroundUgM3: number;
  /** NO2 added at full traffic demand; road traffic is the main NO2 source in a city. */
  no2TrafficShareUgM3: number;
  pm10MeanUgM3: number;
  /** PM2.5 is mostly a fixed share of PM10 at background sites. */
  pm25Share: number;
  /** O3 at night far from traffic; sunlight adds to it, NO from traffic takes it away. */
  o3BackgroundUgM3: number;
}

export const CITY_BACKGROUND: AirSite = {
  no2BackgroundUgM3: 16,
  no2TrafficShareUgM3: 30,
  pm10MeanUgM3: 19,
  pm25Share: 0.6,
  o3BackgroundUgM3: 30,
};

/** A street-traffic station such as Stadhouderskade: more NO2, so less O3. */
export const STREET_TRAFFIC: AirSite = {
  ...CITY_BACKGROUND,
  no2BackgroundUgM3: 22,
  no2TrafficShareUgM3: 45,
  pm10MeanUgM3: 22,
};

export interface AirState {
  no2NoiseUgM3: number;
  pm10UgM3: number;
  pm25Share: number;
  o3NoiseUgM3: number;
}

export interface AirSample {
  no2: number;
  pm10: number;
  pm25: number;
  o3: number;
  temperature: number;
  humidity: number;
}

/** Names of the status bits the station reports; the profile maps them to bit numbers. */
export type AirStatusFlag = 'calibration_running' | 'enclosure_temperature';

export function initialAirState(site: AirSite = CITY_BACKGROUND): AirState {
  return { no2NoiseUgM3: 0, pm10UgM3: site.pm10MeanUgM3, pm25Share: site.pm25Share, o3NoiseUgM3: 0 };
}

/** O3 gained per µg/m³ NO2 from traffic: NO + O3 -> NO2 + O2 uses up the ozone (titration). */
const TITRATION = 0.9;
/** O3 made at full sun (photochemistry), µg/m³. */
const PHOTOCHEMICAL_O3 = 45;

/**
 * Particles take up water: above about 75% humidity the same aerosol weighs more. Rain washes
 * it out again. Returns the factor on the site's mean PM10.
 */
export function pmWeatherFactor(weather: WeatherSample): number {
  const hygroscopic = 1 + 0.012 * (weather.humidityPct - 75);
  const washout = weather.rainMmPerH > 0.5 ? 0.7 : 1;
  return clamp(hygroscopic, 0.6, 1.4) * washout;
}

export function stepAir(
  state: AirState,
  time: LocalTime,
  dtSeconds: number,
  random: Random,
  site: AirSite = CITY_BACKGROUND,
  weather: WeatherSample = typicalWeather(time),
): { state: AirState; sample: AirSample } {
  const next: AirState = {
    no2NoiseUgM3: ouStep(state.no2NoiseUgM3, { mean: 0, sd: 2.5, tauSeconds: 90 }, dtSeconds, random),
    // Particulate matter drifts with the weather over hours, not with the traffic of the minute.
    pm10UgM3: ouStep(
      state.pm10UgM3,
      { mean: site.pm10MeanUgM3 * pmWeatherFactor(weather), sd: 6, tauSeconds: 3600 },
      dtSeconds,
      random,
    ),
    pm25Share: ouStep(
      state.pm25Share,
      { mean: site.pm25Share, sd: 0.03, tauSeconds: 900 },
      dtSeconds,
      random,
    ),
    o3NoiseUgM3: ouStep(state.o3NoiseUgM3, { mean: 0, sd: 4, tauSeconds: 1200 }, dtSeconds, random),
  };
  const trafficNo2 = site.no2TrafficShareUgM3 * trafficDemand(time);
  const no2 = Math.max(0, site.no2BackgroundUgM3 + trafficNo2 + next.no2NoiseUgM3);
  const sunlight = Math.max(0, Math.sin((weather.sunElevationDeg * Math.PI) / 180));
  const warmth = clamp((weather.temperatureC - 10) / 15, -0.5, 1);
  const o3 =
    site.o3BackgroundUgM3 +
    PHOTOCHEMICAL_O3 * sunlight * (1 + 0.5 * warmth) -
    TITRATION * (no2 - site.no2BackgroundUgM3) +
    next.o3NoiseUgM3;
  const pm10 = Math.max(1, next.pm10UgM3);
  return {
    state: next,
    sample: {
      no2,
      pm10,
      pm25: pm10 * clamp(next.pm25Share, 0.3, 0.9),
      o3: Math.max(2, o3),
      temperature: weather.temperatureC,
      humidity: weather.humidityPct,
    },
  };
}

/** Stations run an automatic zero/span check every night at 02:00 for a quarter of an hour. */
export function airStatusFlags(time: LocalTime, weather: WeatherSample): AirStatusFlag[] {
  const flags: AirStatusFlag[] = [];
  if (time.hour >= 2 && time.hour < 2.25) flags.push('calibration_running');
  // The enclosure's air conditioning cannot keep up on a hot afternoon.
  if (weather.temperatureC > 30) flags.push('enclosure_temperature');
  return flags;
}
