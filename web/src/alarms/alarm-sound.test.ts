import { describe, expect, it } from 'vitest';
import { AlarmSound, MUTE_KEY, type ToneOutput } from './alarm-sound';

function memoryStorage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, v: string) => items.set(key, v),
  };
}

/** A speaker that starts suspended, like a browser's before the first click. */
function fakeOutput() {
  const output = {
    state: 'suspended' as AudioContextState,
    played: 0,
    resume: async () => {
      output.state = 'running';
    },
    play: () => {
      output.played += 1;
    },
  } satisfies ToneOutput & { played: number };
  return output;
}

const critical = { event: 'activated', priority: 1 } as const;

describe('the console alert tone', () => {
  it('stays silent until the operator has touched the page, then sounds for a new critical alarm', async () => {
    const output = fakeOutput();
    const sound = new AlarmSound(memoryStorage(), () => output);
    expect(sound.hear(critical)).toBe(false);
    await sound.unlock();
    expect(sound.getState().unlocked).toBe(true);
    expect(sound.hear(critical)).toBe(true);
    expect(output.played).toBe(1);
    expect(sound.getState().tones).toBe(1);
  });

  it('does not sound for lower priorities, nor for what happens after activation', async () => {
    const output = fakeOutput();
    const sound = new AlarmSound(memoryStorage(), () => output);
    await sound.unlock();
    expect(sound.hear({ event: 'activated', priority: 2 })).toBe(false);
    expect(sound.hear({ event: 'acknowledged', priority: 1 })).toBe(false);
    expect(sound.hear({ event: 'unsuppressed', priority: 1 })).toBe(false);
    expect(output.played).toBe(0);
  });

  it('keeps quiet while muted, and the mute outlives a reload of the tab', async () => {
    const storage = memoryStorage();
    const output = fakeOutput();
    const sound = new AlarmSound(storage, () => output);
    await sound.unlock();
    sound.setMuted(true);
    expect(sound.hear(critical)).toBe(false);
    expect(storage.getItem(MUTE_KEY)).toBe('true');
    const reloaded = new AlarmSound(storage, () => output);
    expect(reloaded.getState().muted).toBe(true);
    reloaded.setMuted(false);
    expect(new AlarmSound(storage, () => output).getState().muted).toBe(false);
  });

  it('says sound is unavailable where the browser has no Web Audio', async () => {
    const sound = new AlarmSound(null, () => null);
    await sound.unlock();
    expect(sound.getState().unlocked).toBe(false);
    expect(sound.hear(critical)).toBe(false);
  });
});
