import { ExternalStore } from './external-store';

export type LinkStatus = 'connecting' | 'live' | 'lost';

export interface LinkState {
  status: LinkStatus;
  /** When the status last changed, epoch ms. */
  since: number;
  /** When the last snapshot or frame arrived, epoch ms; null before the first. */
  lastUpdateAt: number | null;
}

/** Whether this screen is live: what the header shows and what greys out a screen that is not. */
export class LinkStore extends ExternalStore<LinkState> {
  constructor(now = Date.now()) {
    super({ status: 'connecting', since: now, lastUpdateAt: null });
  }

  received(now = Date.now()): void {
    const state = this.getState();
    // Screens show the last update to the second; frames within one second would re-render every
    // subscriber (the whole console) to show the same text.
    const sameSecond =
      state.lastUpdateAt !== null && Math.floor(state.lastUpdateAt / 1000) === Math.floor(now / 1000);
    if (state.status === 'live' && sameSecond) return;
    this.set({ status: 'live', since: state.status === 'live' ? state.since : now, lastUpdateAt: now });
  }

  lost(now = Date.now()): void {
    const state = this.getState();
    if (state.status !== 'lost') this.set({ ...state, status: 'lost', since: now });
  }
}
