import { alarmJournal, type Database, lastAlarmSeq, listAlarms } from '@city/db';
import type { AlarmTransition } from '@city/domain';
import type { Logger } from 'pino';
import type { Socket } from 'socket.io';
import { ALARMS_ROOM, type ClientToServerEvents, type ServerToClientEvents } from '../../shared/contract';
import type { TelemetryServer } from './realtime-server';

type ScreenSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

const REPLAY_PAGE = 1_000;
/** The most transitions replayed to a returning screen; further behind, it gets a snapshot. */
export const MAX_REPLAY = 5_000;

/**
 * Alarm transitions to screens, reliably. A new screen gets a snapshot, then every transition after
 * it; a screen that reconnects with its last seq gets what it missed from the journal, then the live
 * stream. It joins the live room only after the replay, then replays once more what came meanwhile,
 * so nothing falls between the two; the screen ignores a seq it has seen.
 */
export async function openAlarmStream(
  socket: ScreenSocket,
  lastSeen: number | undefined,
  db: Database,
  logger: Logger,
): Promise<void> {
  const newest = await lastAlarmSeq(db);
  // A screen away for long gets the alarms as they stand, not thousands of transitions to replay.
  const resumeFrom = lastSeen !== undefined && newest - lastSeen <= MAX_REPLAY ? lastSeen : null;
  let seq: number;
  if (resumeFrom === null) {
    const [alarms, lastSeq] = await Promise.all([listAlarms(db), lastAlarmSeq(db)]);
    socket.emit('alarms', { alarms, lastSeq, serverTime: Date.now() });
    seq = lastSeq;
  } else {
    seq = await replay(socket, db, resumeFrom);
  }
  socket.join(ALARMS_ROOM);
  const replayed = await replay(socket, db, seq);
  logger.debug({ socket: socket.id, from: resumeFrom ?? 'snapshot', to: replayed }, 'alarm stream open');
}

async function replay(socket: ScreenSocket, db: Database, afterSeq: number): Promise<number> {
  let seq = afterSeq;
  for (;;) {
    const missed = await alarmJournal(db, { afterSeq: seq, limit: REPLAY_PAGE });
    for (const transition of missed) socket.emit('alarm', transition);
    seq = missed.at(-1)?.seq ?? seq;
    if (missed.length < REPLAY_PAGE) return seq;
  }
}

/** Sends journaled transitions to every screen, on every web instance (through the cluster adapter). */
export function broadcastAlarms(io: TelemetryServer, transitions: readonly AlarmTransition[]): void {
  for (const transition of transitions) io.to(ALARMS_ROOM).emit('alarm', transition);
}
