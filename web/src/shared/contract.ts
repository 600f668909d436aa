/**
 * The Socket.IO contract between the web server and the browser, shared by both ends as type
 * parameters (`Server<ClientToServerEvents, ServerToClientEvents>` / `Socket<ServerToClient…>`).
 * Browser-safe: types and constants only, no Node imports.
 */
import type { Alarm, AlarmTransition, Layer, Permission } from '@city/domain';
import type { SessionEndReason } from './auth-contract';
import type { WireValue } from './wire';

/** Sent once to every client right after it connects (and again after each reconnect). */
export interface TelemetrySnapshot {
  /** The newest value of every channel the server knows, one entry per channel (`fromWire` reads them). */
  values: WireValue[];
  /** Server clock when the snapshot was taken, epoch ms. */
  serverTime: number;
}

/**
 * Values that changed since the previous frame, the newest per channel: each committed batch, sent
 * as it arrives. A screen whose link fell behind gets one frame with the newest value of each channel
 * it missed, never a backlog.
 */
export interface TelemetryFrame {
  /** Ages are before this frame's serverTime (`fromWire` reads them). */
  values: WireValue[];
  serverTime: number;
  /** Increases with every frame this server publishes; a screen reports it back with `seen`. */
  seq: number;
}

/** Sent to a screen that connects without a last seq: every alarm as it stands. */
export interface AlarmSnapshot {
  alarms: Alarm[];
  /** The journal seq the snapshot is current to; transitions after it follow as `alarm` events. */
  lastSeq: number;
  serverTime: number;
}

export interface ServerToClientEvents {
  snapshot: (snapshot: TelemetrySnapshot) => void;
  telemetry: (frame: TelemetryFrame) => void;
  alarms: (snapshot: AlarmSnapshot) => void;
  /**
   * One alarm transition, reliably, in seq order. A screen that reconnects with the last seq it saw
   * (`auth.lastAlarmSeq`) gets every one it missed, replayed from the journal; a seq it has seen
   * already may come twice and is ignored.
   */
  alarm: (transition: AlarmTransition) => void;
  /** The screen's session ended (expired, revoked by an admin, signed out elsewhere); a disconnect follows. */
  'session-ended': (reason: SessionEndReason) => void;
  /** A `watch` the server did not carry out; the screen keeps watching what it watched before. */
  'watch-refused': (refusal: WatchRefusal) => void;
  /** A client event the server did not take: unknown, or not the signed-in role's to send. */
  'event-refused': (refusal: EventRefusal) => void;
}

export interface EventRefusal {
  event: string;
  message: string;
}

/** Why a `watch` was refused: changed too often (try again after retryAfterMs), or not a selection. */
export interface WatchRefusal {
  reason: 'too-often' | 'bad-selection';
  /** Names the limit or the field, e.g. "at most 5 watch changes at once, then one every 2 s". */
  message: string;
  retryAfterMs: number | null;
}

/**
 * The layers and districts a screen watches. A value shows when its layer is one named (or no layer
 * is named) and its district is one named (or no district is named): `air` + `Centrum` is the air
 * stations in Centrum, as `assets.state` answers. Nothing named: all.
 */
export interface TelemetrySelection {
  layers?: Layer[];
  districts?: string[];
}

/** What a screen sends when it connects (Socket.IO `auth`). */
export interface ClientHello extends TelemetrySelection {
  /** The last alarm seq this screen saw; absent for a new screen, which gets a snapshot. */
  lastAlarmSeq?: number;
}

/** Commands travel over tRPC; over the socket a screen only says what it watches. */
export interface ClientToServerEvents {
  /** Watch other layers or districts from now on; a fresh snapshot for them follows. */
  watch: (selection: TelemetrySelection) => void;
  /**
   * The newest frame `seq` this screen has taken in, at most every TELEMETRY_SEEN_INTERVAL_MS. The
   * server holds a screen whose reports fall behind and sends it the newest values once it catches up.
   */
  seen: (seq: number) => void;
}

/**
 * What each client event needs, from the same permission table as tRPC. A new event in
 * ClientToServerEvents does not compile until it is listed here, and the server refuses every event
 * that is not.
 */
export const CLIENT_EVENT_PERMISSIONS = {
  watch: 'view',
  seen: 'view',
} as const satisfies Record<keyof ClientToServerEvents, Permission>;

/** How often a screen reports the frames it has seen (`seen`). */
export const TELEMETRY_SEEN_INTERVAL_MS = 200;

/** Every screen is in this room; alarm transitions are sent to it across all web instances. */
export const ALARMS_ROOM = 'alarms';

export const SOCKET_IO_PATH = '/socket.io';
export const TRPC_PATH = '/api/trpc';

/** Where a base-map style configured as a file (BASEMAP_STYLE) is served from, with the files beside it. */
export const BASEMAP_STYLE_PATH = '/basemap-style';
