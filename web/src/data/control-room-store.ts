import { Backoff } from '@city/db/backoff';
import type { Asset, Channel, LatestValue } from '@city/domain';
import type { TelemetryFrame, TelemetrySnapshot } from '../shared/contract';
import { fromWire } from '../shared/wire';
import { type Api, createApi } from './api';
import { connectTelemetry, type TelemetrySocket } from './telemetry-socket';

export type LinkStatus = 'connecting' | 'live' | 'lost';

export interface Catalog {
  assets: Asset[];
  channels: Channel[];
}

export interface ControlRoomState {
  /** Assets and channels from tRPC; null until the first load succeeds. */
  catalog: Catalog | null;
  catalogError: string | null;
  /** Newest value per channel id. A new Map on every change, so React and deck.gl see the change. */
  values: ReadonlyMap<string, LatestValue>;
  /** Increases with every change of `values`; map layers use it as their update trigger. */
  valuesVersion: number;
  link: { status: LinkStatus; since: number; lastUpdateAt: number | null };
}

/** A catalog that failed to load is tried again after 5 s, backing off to a minute while it fails. */
const CATALOG_RETRY = { initialMs: 5_000, maxMs: 60_000 };

/**
 * The browser's one view of the control room's data: a snapshot + frames from Socket.IO and the
 * catalog from tRPC, behind subscribe/getState for React's useSyncExternalStore.
 */
export class ControlRoomStore {
  private state: ControlRoomState = {
    catalog: null,
    catalogError: null,
    values: new Map(),
    valuesVersion: 0,
    link: { status: 'connecting', since: Date.now(), lastUpdateAt: null },
  };
  private readonly listeners = new Set<() => void>();
  private socket: TelemetrySocket | undefined;
  private api: Api | undefined;
  private catalogRetry: ReturnType<typeof setTimeout> | undefined;
  private readonly catalogBackoff = new Backoff(CATALOG_RETRY);

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getState = (): ControlRoomState => this.state;

  start(): void {
    if (this.socket) return;
    this.api = createApi();
    const socket = connectTelemetry();
    this.socket = socket;
    socket.on('snapshot', (snapshot) => this.receive(snapshot, true));
    socket.on('telemetry', (frame) => this.receive(frame, false));
    socket.on('disconnect', () => this.setLink('lost'));
    socket.on('connect_error', () => this.setLink('lost'));
    // Assets may have been added while the link was down, so the catalog is reloaded on every connect.
    socket.on('connect', () => void this.loadCatalog());
  }

  stop(): void {
    this.socket?.disconnect();
    this.socket = undefined;
    this.api = undefined;
    if (this.catalogRetry) clearTimeout(this.catalogRetry);
    this.catalogRetry = undefined;
  }

  private receive(message: TelemetrySnapshot | TelemetryFrame, replace: boolean): void {
    const values = new Map(replace ? [] : this.state.values);
    for (const value of fromWire(message.values, message.serverTime)) values.set(value.channelId, value);
    const now = Date.now();
    this.update({
      values,
      valuesVersion: this.state.valuesVersion + 1,
      link: {
        status: 'live',
        since: this.state.link.status === 'live' ? this.state.link.since : now,
        lastUpdateAt: now,
      },
    });
  }

  private async loadCatalog(): Promise<void> {
    const api = this.api;
    if (!api) return;
    if (this.catalogRetry) clearTimeout(this.catalogRetry);
    try {
      const catalog = await api.map.assets.query();
      if (api !== this.api) return;
      this.catalogBackoff.reset();
      this.update({ catalog, catalogError: null });
    } catch (error) {
      if (api !== this.api) return;
      this.update({ catalogError: error instanceof Error ? error.message : String(error) });
      this.catalogRetry = setTimeout(() => void this.loadCatalog(), this.catalogBackoff.next());
    }
  }

  private setLink(status: LinkStatus): void {
    if (this.state.link.status === status) return;
    this.update({ link: { ...this.state.link, status, since: Date.now() } });
  }

  private update(patch: Partial<ControlRoomState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }
}
