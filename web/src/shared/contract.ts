/**
 * The Socket.IO contract between the web server and the browser, shared by both ends as type
 * parameters (`Server<ClientToServerEvents, ServerToClientEvents>` / `Socket<ServerToClient…>`).
 * Browser-safe: types and constants only, no Node imports.
 */
import type { LatestValue } from '@city/db/domain';

/** Sent once to every client right after it connects (and again after each reconnect). */
export interface TelemetrySnapshot {
  /** The newest value of every channel the server knows, one entry per channel. */
  values: LatestValue[];
  /** Server clock when the snapshot was taken, epoch ms. */
  serverTime: number;
}

/** Values that changed since the previous frame, the newest per channel; at most one frame per interval. */
export interface TelemetryFrame {
  values: LatestValue[];
  serverTime: number;
}

export interface ServerToClientEvents {
  snapshot: (snapshot: TelemetrySnapshot) => void;
  telemetry: (frame: TelemetryFrame) => void;
}

/** The browser only listens for now; commands will travel over tRPC. */
export type ClientToServerEvents = Record<never, never>;

/** A frame leaves at most this often per server, so a burst of notices costs one repaint. */
export const TELEMETRY_FRAME_INTERVAL_MS = 250;

export const SOCKET_IO_PATH = '/socket.io';
export const TRPC_PATH = '/api/trpc';
