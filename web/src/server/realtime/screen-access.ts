import type { IncomingMessage } from 'node:http';
import { LayerSchema } from '@city/domain';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { SessionEndReason } from '../../shared/auth-contract';
import type { Principal } from '../auth/principal';
import type { SessionCheck } from '../auth/sessions';
import type { TelemetryServer } from './realtime-server';

/** How a screen's socket is let in and kept honest: the same cookie and checks as every HTTP request. */
export interface ScreenAccess {
  /** The handshake's Host is ours and its Origin (where a browser sends one) is ours. */
  requestAllowed(request: IncomingMessage): boolean;
  /** Who the screen is, from its session cookie, or why nobody is. */
  identify(request: IncomingMessage): Promise<SessionCheck>;
  /** Which of these sessions ended since, and why. */
  ended(idHashes: readonly Buffer[]): Promise<Map<string, SessionEndReason>>;
}

export const SelectionSchema = z.strictObject({
  layers: z.array(LayerSchema).max(10).optional(),
  districts: z.array(z.string().min(1).max(100)).max(100).optional(),
});

/** What a screen says when it connects (Socket.IO `auth`), parsed, never cast. */
export const ClientHelloSchema = z.object({
  layers: SelectionSchema.shape.layers,
  districts: SelectionSchema.shape.districts,
  lastAlarmSeq: z.int().min(0).optional(),
});
export type ParsedHello = z.infer<typeof ClientHelloSchema>;

/** What the server keeps on each socket. */
export interface ScreenData {
  hello: ParsedHello;
  principal: Principal;
}

/** A revoked or expired session's sockets are told and closed within this long (issue 13: 10 s). */
export const SESSION_SWEEP_MS = 5_000;

/**
 * Checks the sessions behind the open sockets every few seconds, in one query, and closes those whose
 * session ended (expired, revoked, its user disabled), telling each screen why first.
 */
export function sweepEndedSessions(
  io: TelemetryServer,
  access: ScreenAccess,
  logger: Logger,
  everyMs = SESSION_SWEEP_MS,
) {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    const sockets = [...io.of('/').sockets.values()];
    const byHash = new Map<string, typeof sockets>();
    for (const socket of sockets) {
      const principal = (socket.data as Partial<ScreenData>).principal;
      if (!principal) continue;
      const key = principal.idHash.toString('hex');
      const group = byHash.get(key);
      if (group) group.push(socket);
      else byHash.set(key, [socket]);
    }
    const hashes = [...byHash.keys()].map((key) => Buffer.from(key, 'hex'));
    access
      .ended(hashes)
      .then((ended) => {
        for (const [key, reason] of ended) {
          for (const socket of byHash.get(key) ?? []) {
            socket.emit('session-ended', reason);
            socket.disconnect(true);
          }
        }
        if (ended.size > 0) logger.info({ sessions: ended.size }, 'closed the sockets of ended sessions');
      })
      .catch((error: unknown) => logger.warn({ err: error }, 'could not check the sessions of open sockets'))
      .finally(() => {
        running = false;
      });
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
