/** @city/web: the control-room web server. The implementation lives in private files next to this one. */
export type {
  ClientToServerEvents,
  ServerToClientEvents,
  TelemetryFrame,
  TelemetrySnapshot,
} from '../shared/contract';
export { reportSeenFrames } from '../shared/report-seen-frames';
export { fromWire, toWire, type WireValue } from '../shared/wire';
export type { AppRouter } from './trpc/router';
export { type RunningWebServer, startWebServer, type WebServerOptions } from './web-server';
