import type { Alarm, AlarmTransition } from '@city/domain';
import type { AlarmSnapshot } from '../../shared/contract';
import { ExternalStore } from './external-store';

export interface AlarmState {
  /** Every alarm the server knows, by id, as it stands after the newest transition. */
  alarms: ReadonlyMap<string, Alarm>;
  /** The newest journal seq applied; sent back on reconnect so only what was missed is replayed. */
  lastSeq: number | null;
  /** False until the first snapshot or replay: an empty list before then means "not known yet". */
  ready: boolean;
}

type TransitionListener = (transition: AlarmTransition) => void;

/**
 * The alarms a screen shows, resumed from `seq`: a snapshot for a new screen, then transitions in seq
 * order. A seq already applied (sent twice around a reconnect) is ignored, so nothing counts twice.
 */
export class AlarmStore extends ExternalStore<AlarmState> {
  private readonly transitionListeners = new Set<TransitionListener>();

  constructor() {
    super({ alarms: new Map(), lastSeq: null, ready: false });
  }

  /**
   * Called for every transition not seen before, replays after a reconnect included: a critical alarm
   * raised while the link was down still sounds the horn once the screen hears of it.
   */
  onTransition(listener: TransitionListener): () => void {
    this.transitionListeners.add(listener);
    return () => this.transitionListeners.delete(listener);
  }

  applySnapshot(snapshot: AlarmSnapshot): void {
    this.set({
      alarms: new Map(snapshot.alarms.map((alarm) => [alarm.id, alarm])),
      lastSeq: snapshot.lastSeq,
      ready: true,
    });
  }

  applyTransition(transition: AlarmTransition): void {
    const state = this.getState();
    if (state.lastSeq !== null && transition.seq <= state.lastSeq) return;
    const alarms = new Map(state.alarms);
    alarms.set(transition.alarmId, transition.alarm);
    this.set({ alarms, lastSeq: transition.seq, ready: true });
    for (const listener of this.transitionListeners) listener(transition);
  }
}
