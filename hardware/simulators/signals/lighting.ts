import { instantOf, type LocalTime } from './local-time';
import { clamp, gaussian, type Random } from './random';
import { AMSTERDAM, isDark, type Place } from './solar';

/**
 * A street-light segment as Dutch smart-lighting pilots run them: off by day, dimmed to 20% on an
 * empty street at night and up to 100% while a presence sensor sees someone. A level written from
 * outside (manual) is obeyed until control goes back to auto.
 */
export interface LightSegment {
  lamps: number;
  /** Power of one luminaire at 100%. */
  ratedW: number;
  place: Place;
}

export const RESIDENTIAL_STREET: LightSegment = { lamps: 12, ratedW: 40, place: AMSTERDAM };

export const NIGHT_EMPTY_PERCENT = 20;
export const NIGHT_PRESENCE_PERCENT = 100;

export interface LightState {
  /** The level the lamps burn at now (they fade, they do not jump). */
  levelPercent: number;
  /** Set while an operator's level holds; undefined in auto. */
  manualPercent?: number;
  /** Seconds the presence sensor keeps reporting someone. */
  presenceHoldS: number;
  failedLamps: number;
}

export interface LightSample {
  /** The level the controller asks of the lamps (its schedule, or the operator's). */
  dimLevel: number;
  power: number;
  presence: boolean;
  failedLamps: number;
  lampCount: number;
  mode: 'auto' | 'manual';
}

export function initialLightState(random: Random): LightState {
  return { levelPercent: 0, presenceHoldS: 0, failedLamps: random() < 0.3 ? 1 : 0 };
}

/** Obey a level written by a master (a Modbus write to the dim-level register). */
export function setManualLevel(state: LightState, percent: number): LightState {
  return { ...state, manualPercent: clamp(percent, 0, 100) };
}

/** Hand control back to the schedule. */
export function releaseManual(state: LightState): LightState {
  const { manualPercent: _released, ...auto } = state;
  return auto;
}

/** The level the schedule asks for. */
export function scheduledLevel(dark: boolean, presence: boolean): number {
  if (!dark) return 0;
  return presence ? NIGHT_PRESENCE_PERCENT : NIGHT_EMPTY_PERCENT;
}

/** People passing per hour: busy in the evening, nearly nobody at 04:00. */
export function passersPerHour(hour: number): number {
  const evening = Math.exp(-(((hour - 20) / 2.5) ** 2) / 2);
  const day = hour >= 7 && hour <= 19 ? 1 : 0;
  const morning = Math.exp(-(((hour - 7.5) / 1) ** 2) / 2);
  return 2 + 40 * evening + 50 * day + 25 * morning;
}

/** The sensor keeps the light up for a while after the last movement. */
const PRESENCE_HOLD_S = 90;
/** Luminaires fade at about 20% a second. */
const FADE_PERCENT_PER_S = 20;
/** One LED luminaire in about sixty days fails; a crew replaces them within about three days. */
const LAMP_FAILURES_PER_S = 1 / (60 * 86_400);
const REPAIRS_PER_S = 1 / (3 * 86_400);

export function stepLights(
  state: LightState,
  time: LocalTime,
  dtSeconds: number,
  random: Random,
  segment: LightSegment = RESIDENTIAL_STREET,
): { state: LightState; sample: LightSample } {
  const arrival = random() < (passersPerHour(time.hour) / 3600) * dtSeconds;
  const presenceHoldS = arrival ? PRESENCE_HOLD_S : Math.max(0, state.presenceHoldS - dtSeconds);
  const presence = presenceHoldS > 0;

  let failedLamps = state.failedLamps;
  if (failedLamps > 0 && random() < REPAIRS_PER_S * dtSeconds) failedLamps = 0;
  const working = segment.lamps - failedLamps;
  if (working > 0 && random() < LAMP_FAILURES_PER_S * working * dtSeconds) failedLamps += 1;

  const dark = isDark(instantOf(time), segment.place);
  const target = state.manualPercent ?? scheduledLevel(dark, presence);
  const step = FADE_PERCENT_PER_S * dtSeconds;
  const levelPercent = clamp(target, state.levelPercent - step, state.levelPercent + step);
  const burning = (segment.lamps - failedLamps) * segment.ratedW * (levelPercent / 100);
  // The driver's own reading wobbles by a fraction of a percent.
  const power = burning > 0 ? Math.max(0, burning * (1 + 0.003 * gaussian(random))) : 0;

  const next: LightState = { ...state, levelPercent, presenceHoldS, failedLamps };
  return {
    state: next,
    sample: {
      // The register shows the level asked for; the lamps fade to it within a few seconds.
      dimLevel: target,
      power,
      presence,
      failedLamps,
      lampCount: segment.lamps,
      mode: state.manualPercent === undefined ? 'auto' : 'manual',
    },
  };
}
