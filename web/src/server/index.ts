/** @city/web: the control-room web server. The implementation lives in private files next to this one. */

export { AUTH_ROUTES, OIDC_ROUTES, type SessionView } from '../shared/auth-contract';
export type {
  ClientToServerEvents,
  ServerToClientEvents,
  TelemetryFrame,
  TelemetrySnapshot,
} from '../shared/contract';
export { reportSeenFrames } from '../shared/report-seen-frames';
export { fromWire, toWire, type WireValue } from '../shared/wire';
export { type AccessOptions, accessEnvShape, accessFromEnv } from './auth/access-options';
export { AccountExistsError, createAccount, NewAccountSchema, SYSTEM_ACTOR } from './auth/accounts';
export { SESSION_COOKIE } from './auth/auth-routes';
export { type BasemapSetting, basemapEnvShape, basemapFromEnv } from './basemap/basemap-setting';
export type { AppRouter } from './trpc/router';
export { type RunningWebServer, startWebServer, type WebServerOptions } from './web-server';
