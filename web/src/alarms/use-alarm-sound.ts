'use client';
import { useEffect, useSyncExternalStore } from 'react';
import { useRealtime } from '../data/realtime/RealtimeProvider';
import { AlarmSound, type SoundState, webAudioOutput } from './alarm-sound';

let tabSound: AlarmSound | null = null;
const SERVER_STATE: SoundState = { muted: false, unlocked: false, tones: 0 };

/** One alert tone per tab, like the one socket: every screen that shows the banner shares it. */
function soundOfTab(): AlarmSound {
  tabSound ??= new AlarmSound(typeof sessionStorage === 'undefined' ? null : sessionStorage, webAudioOutput);
  return tabSound;
}

/**
 * The tone, kept listening while the banner is on screen: a new critical alarm sounds it, and the
 * first click or key press anywhere on the page unlocks audio, as browsers require.
 */
export function useAlarmSound(): { state: SoundState; sound: AlarmSound } {
  const sound = soundOfTab();
  const realtime = useRealtime();
  useEffect(() => realtime.alarms.onTransition((transition) => sound.hear(transition)), [realtime, sound]);
  useEffect(() => {
    const unlock = () => void sound.unlock();
    const events = ['pointerdown', 'keydown'] as const;
    for (const event of events) window.addEventListener(event, unlock, { capture: true });
    return () => {
      for (const event of events) window.removeEventListener(event, unlock, { capture: true });
    };
  }, [sound]);
  const state = useSyncExternalStore(sound.subscribe, sound.getState, () => SERVER_STATE);
  return { state, sound };
}
