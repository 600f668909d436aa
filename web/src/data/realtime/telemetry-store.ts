import type { LatestValue } from '@city/domain';
import type { TelemetryFrame, TelemetrySnapshot } from '../../shared/contract';
import { fromWire } from '../../shared/wire';
import { ExternalStore } from './external-store';

export interface TelemetryState {
  /** Newest value per channel id. A new Map on every change, so React and deck.gl see the change. */
  values: ReadonlyMap<string, LatestValue>;
  /** Increases with every change of `values`: map layers use it as their update trigger. */
  version: number;
  /** The channels the last change touched; 'all' after a snapshot replaced everything. */
  changed: ReadonlySet<string> | 'all';
}

/** Live values: a snapshot on every (re)connect, then one frame per committed batch. */
export class TelemetryStore extends ExternalStore<TelemetryState> {
  constructor() {
    super({ values: new Map(), version: 0, changed: 'all' });
  }

  applySnapshot(snapshot: TelemetrySnapshot): void {
    const values = new Map<string, LatestValue>();
    for (const value of fromWire(snapshot.values, snapshot.serverTime)) values.set(value.channelId, value);
    this.set({ values, version: this.getState().version + 1, changed: 'all' });
  }

  applyFrame(frame: TelemetryFrame): void {
    const state = this.getState();
    const values = new Map(state.values);
    const changed = new Set<string>();
    for (const value of fromWire(frame.values, frame.serverTime)) {
      values.set(value.channelId, value);
      changed.add(value.channelId);
    }
    this.set({ values, version: state.version + 1, changed });
  }
}
