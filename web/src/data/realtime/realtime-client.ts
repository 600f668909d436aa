import type { ClientHello, TelemetrySelection } from '../../shared/contract';
import { connectTelemetry, type TelemetrySocket } from '../telemetry-socket';
import { AlarmStore } from './alarm-store';
import { LinkStore } from './link-store';
import { TelemetryStore } from './telemetry-store';

/**
 * The tab's one socket, feeding three small stores: telemetry, alarms (resumed from seq) and link.
 * Components never open a socket; they read a store through the provider's hooks.
 */
export class RealtimeClient {
  readonly telemetry = new TelemetryStore();
  readonly alarms = new AlarmStore();
  readonly link = new LinkStore();
  private readonly reconnectListeners = new Set<() => void>();
  private connects = 0;
  private selection: TelemetrySelection = {};
  private socket: TelemetrySocket | undefined;

  start(): void {
    if (this.socket) return;
    const socket = connectTelemetry(() => this.hello());
    this.socket = socket;
    socket.on('snapshot', (snapshot) => {
      this.telemetry.applySnapshot(snapshot);
      this.link.received();
    });
    socket.on('telemetry', (frame) => {
      this.telemetry.applyFrame(frame);
      this.link.received();
    });
    socket.on('alarms', (snapshot) => this.alarms.applySnapshot(snapshot));
    socket.on('alarm', (transition) => this.alarms.applyTransition(transition));
    socket.on('disconnect', () => this.link.lost());
    socket.on('connect_error', () => this.link.lost());
    socket.on('watch-refused', (refusal) => console.warn('watch refused:', refusal.message));
    socket.on('connect', () => {
      this.connects += 1;
      if (this.connects === 1) return;
      for (const listener of this.reconnectListeners) listener();
    });
  }

  stop(): void {
    this.socket?.disconnect();
    this.socket = undefined;
  }

  /** Watch these layers and districts (both must match; nothing named: all). */
  watch(selection: TelemetrySelection): void {
    this.selection = selection;
    this.socket?.emit('watch', selection);
  }

  /**
   * Called on every connect after the first: what may have changed while the link was down is fetched
   * again. The first finds only what this page load fetched a moment ago.
   */
  onReconnect(listener: () => void): () => void {
    this.reconnectListeners.add(listener);
    return () => this.reconnectListeners.delete(listener);
  }

  private hello(): ClientHello {
    const lastAlarmSeq = this.alarms.getState().lastSeq;
    return { ...this.selection, ...(lastAlarmSeq === null ? {} : { lastAlarmSeq }) };
  }
}
