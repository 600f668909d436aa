import type { AlarmTransition } from '@city/domain';
import { ExternalStore } from '../data/realtime/external-store';

export interface SoundState {
  /** The operator silenced the console's tone (kept for this tab only). */
  muted: boolean;
  /** The browser lets this tab play sound: it does only after a click or key press on the page. */
  unlocked: boolean;
  /** Tones played since the tab opened; the banner exposes it so a test can tell a tone played. */
  tones: number;
}

/** Only a critical alarm that just came in sounds; everything else is seen, not heard. */
export const soundsFor = (transition: Pick<AlarmTransition, 'event' | 'priority'>) =>
  transition.event === 'activated' && transition.priority === 1;

export const MUTE_KEY = 'city.alarms.muted';

type MuteStorage = Pick<Storage, 'getItem' | 'setItem'>;

/** The audio the tone needs, so tests can stand in for the Web Audio API. */
export interface ToneOutput {
  readonly state: AudioContextState;
  resume(): Promise<void>;
  play(): void;
}

/**
 * The console's alert tone and its mute. Browsers block audio until the first user gesture, so the
 * sound is 'locked' until `unlock` runs inside one; the mute survives a reload of the tab
 * (sessionStorage) but not a new tab, where the operator must hear alarms again.
 */
export class AlarmSound extends ExternalStore<SoundState> {
  private output: ToneOutput | null = null;

  constructor(
    private readonly storage: MuteStorage | null,
    private readonly openOutput: () => ToneOutput | null,
  ) {
    super({ muted: storage?.getItem(MUTE_KEY) === 'true', unlocked: false, tones: 0 });
  }

  setMuted(muted: boolean): void {
    this.storage?.setItem(MUTE_KEY, String(muted));
    this.set({ ...this.getState(), muted });
  }

  /** Call from a click or key handler: the one moment the browser allows audio to start. */
  async unlock(): Promise<void> {
    this.output ??= this.openOutput();
    if (!this.output) return;
    if (this.output.state !== 'running') await this.output.resume().catch(() => undefined);
    if (this.output.state === 'running' && !this.getState().unlocked)
      this.set({ ...this.getState(), unlocked: true });
  }

  /** Plays the tone for a transition that calls for one, unless muted or not yet allowed. */
  hear(transition: Pick<AlarmTransition, 'event' | 'priority'>): boolean {
    const state = this.getState();
    if (!soundsFor(transition) || state.muted || !state.unlocked || !this.output) return false;
    this.output.play();
    this.set({ ...state, tones: state.tones + 1 });
    return true;
  }
}

/** Two short falling beeps (880 Hz, then 660 Hz), made by the Web Audio API: no sound file to ship. */
export function webAudioOutput(): ToneOutput | null {
  if (typeof window === 'undefined' || typeof window.AudioContext !== 'function') return null;
  const context = new AudioContext();
  const beep = (frequency: number, start: number, length: number) => {
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.type = 'square';
    oscillator.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, start);
    gain.gain.exponentialRampToValueAtTime(0.25, start + 0.01);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + length);
    oscillator.connect(gain).connect(context.destination);
    oscillator.start(start);
    oscillator.stop(start + length + 0.02);
  };
  return {
    get state() {
      return context.state;
    },
    resume: () => context.resume(),
    play() {
      const now = context.currentTime;
      beep(880, now, 0.18);
      beep(660, now + 0.24, 0.18);
      beep(880, now + 0.48, 0.18);
      beep(660, now + 0.72, 0.18);
    },
  };
}
