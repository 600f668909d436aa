import { instantOf, type LocalTime } from './local-time';
import { clamp, gaussian, ouStep, type Random } from './random';
import { AMSTERDAM, sunElevation } from './solar';

/**
 * The weather over the city: temperature and humidity on a daily and seasonal curve, and rain as
 * seeded events of plausible Dutch intensity. The air station, the rain gauge and the sewer all
 * read the same weather, so a shower shows on the gauge, in the wet well and in the humidity.
 */
export interface WeatherSample {
  temperatureC: number;
  humidityPct: number;
  rainMmPerH: number;
  /** Sun above the horizon in degrees; negative at night. */
  sunElevationDeg: number;
}

export interface RainEvent {
  /** Highest intensity of the event, mm/h. */
  peakMmPerH: number;
  durationS: number;
}

export interface WeatherState {
  temperatureNoiseC: number;
  humidityNoisePct: number;
  /** The shower now falling, if any, and how far it has come. */
  rain?: RainEvent & { elapsedS: number };
  /** Gusts within a shower: its intensity wobbles around the event's shape. */
  rainWobble: number;
}

export const initialWeatherState: WeatherState = { temperatureNoiseC: 0, humidityNoisePct: 0, rainWobble: 0 };

/** The Netherlands: it rains about 8% of the hours, in events of an hour or two, mostly light. */
const MEAN_DRY_SPELL_S = 14 * 3600;
const MEAN_EVENT_S = 1.3 * 3600;
const MEDIAN_PEAK_MM_PER_H = 1.5;
const PEAK_SPREAD = 0.9;
const MAX_PEAK_MM_PER_H = 80;

const TEMPERATURE_NOISE = { mean: 0, sd: 1.5, tauSeconds: 6 * 3600 };
const HUMIDITY_NOISE = { mean: 0, sd: 5, tauSeconds: 3 * 3600 };
const RAIN_WOBBLE = { mean: 0, sd: 0.3, tauSeconds: 300 };

/** Day of the year, 0 = 1 January (UTC). */
function dayOfYear(epochMs: number): number {
  const date = new Date(epochMs);
  return (epochMs - Date.UTC(date.getUTCFullYear(), 0, 1)) / 86_400_000;
}

/**
 * The weather without the day's luck: KNMI-like Schiphol normals (about 3.5 °C in January, 18 °C
 * in July), warmest at 15:00 and coolest before dawn, humidity high at night and lower by day.
 */
export function typicalWeather(time: LocalTime): WeatherSample {
  const instant = instantOf(time);
  const season = Math.cos((2 * Math.PI * (dayOfYear(instant) - 200)) / 365);
  const dailyMeanC = 10.6 + 7.4 * season;
  const dailySwingC = 3.5 + 1.2 * season;
  const diurnal = Math.cos((2 * Math.PI * (time.hour - 15)) / 24);
  return {
    temperatureC: dailyMeanC + dailySwingC * diurnal,
    humidityPct: clamp(81 - 6 * season - 12 * diurnal, 20, 100),
    rainMmPerH: 0,
    sunElevationDeg: sunElevation(instant, AMSTERDAM),
  };
}

/** A shower's intensity rises, peaks in its middle and tails off. */
function rainShape(event: RainEvent & { elapsedS: number }): number {
  const phase = clamp(event.elapsedS / event.durationS, 0, 1);
  return event.peakMmPerH * Math.sin(Math.PI * phase) ** 1.5;
}

/** Starts a shower now, e.g. to show what a cloudburst does to the sewer. */
export function startRain(state: WeatherState, event: RainEvent): WeatherState {
  return { ...state, rain: { ...event, elapsedS: 0 } };
}

export function stepWeather(
  state: WeatherState,
  time: LocalTime,
  dtSeconds: number,
  random: Random,
): { state: WeatherState; sample: WeatherSample } {
  let rain = state.rain ? { ...state.rain, elapsedS: state.rain.elapsedS + dtSeconds } : undefined;
  if (rain && rain.elapsedS >= rain.durationS) rain = undefined;
  if (!rain && random() < dtSeconds / MEAN_DRY_SPELL_S) {
    const durationS = clamp(-Math.log(1 - random()) * MEAN_EVENT_S, 600, 6 * 3600);
    const peakMmPerH = Math.min(
      MAX_PEAK_MM_PER_H,
      MEDIAN_PEAK_MM_PER_H * Math.exp(PEAK_SPREAD * gaussian(random)),
    );
    rain = { peakMmPerH, durationS, elapsedS: 0 };
  }
  const next: WeatherState = {
    temperatureNoiseC: ouStep(state.temperatureNoiseC, TEMPERATURE_NOISE, dtSeconds, random),
    humidityNoisePct: ouStep(state.humidityNoisePct, HUMIDITY_NOISE, dtSeconds, random),
    rainWobble: ouStep(state.rainWobble, RAIN_WOBBLE, dtSeconds, random),
    ...(rain ? { rain } : {}),
  };
  const typical = typicalWeather(time);
  const rainMmPerH = rain ? Math.max(0, rainShape(rain) * (1 + next.rainWobble)) : 0;
  // Rain cools the air and all but saturates it.
  const wetness = clamp(rainMmPerH / 2, 0, 1);
  return {
    state: next,
    sample: {
      temperatureC: typical.temperatureC + next.temperatureNoiseC - 2 * wetness,
      humidityPct: clamp(
        typical.humidityPct + next.humidityNoisePct + (96 - typical.humidityPct) * wetness,
        20,
        100,
      ),
      rainMmPerH,
      sunElevationDeg: typical.sunElevationDeg,
    },
  };
}
