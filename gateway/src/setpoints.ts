import {
  claimSetpoints,
  completeSetpoint,
  type Database,
  messageOf,
  SETPOINTS_NOTIFY_CHANNEL,
  type SetpointCommand,
} from '@city/db';
import type { Logger } from 'pino';
import { every } from './schedule';

/** A point a setpoint can be written to, whatever protocol reaches it. */
export interface SetpointTarget {
  readonly deviceId: string;
  /** Why this value is refused before anything is sent, or undefined when it may be sent. */
  refusal(value: number): string | undefined;
  /** Writes the value and returns what the device holds afterwards, read back. */
  write(value: number): Promise<number>;
  /** How far the read-back may differ from the value written and still count as done. */
  readonly tolerance: number;
}

/** The device answered and refused the value (out of range, not writable): the command is rejected. */
export class SetpointRefused extends Error {
  override readonly name = 'SetpointRefused';
}

export interface SetpointOptions {
  db: Database;
  gatewayId: string;
  /** Channel id → where it is written. */
  writable: ReadonlyMap<string, SetpointTarget>;
  logger: Logger;
  /** The look for commands when no NOTIFY came (a dropped LISTEN connection). Default 5 s. */
  fallbackPollMs?: number;
}

/**
 * Carries out operators' setpoint commands for this gateway's writable points: it takes them from
 * the database (on NOTIFY, and by looking every few seconds), refuses what the point does not accept,
 * writes, reads back to confirm, and records the outcome. Expired commands are never taken.
 */
export async function startSetpoints(options: SetpointOptions): Promise<{ stop(): Promise<void> }> {
  const { db, gatewayId, writable, logger } = options;
  const channelIds = [...writable.keys()];
  if (channelIds.length === 0) return { stop: async () => {} };

  const execute = async (command: SetpointCommand) => {
    const target = writable.get(command.channelId);
    if (!target) return;
    const commandLog = logger.child({
      setpoint: command.id,
      channel: command.channelId,
      device: target.deviceId,
      value: command.value,
    });
    const refusal = target.refusal(command.value);
    if (refusal !== undefined) {
      commandLog.warn({ outcome: refusal }, 'setpoint rejected');
      await completeSetpoint(db, command.id, { status: 'rejected', outcome: refusal });
      return;
    }
    try {
      const readBack = await target.write(command.value);
      const confirmed = Math.abs(readBack - command.value) <= target.tolerance;
      await completeSetpoint(db, command.id, {
        status: confirmed ? 'done' : 'failed',
        outcome: confirmed
          ? `written and read back`
          : `the device holds ${readBack} after ${command.value} was written`,
        readBack,
      });
      commandLog.info({ readBack, confirmed }, 'setpoint carried out');
    } catch (error) {
      const refused = error instanceof SetpointRefused;
      await completeSetpoint(db, command.id, {
        status: refused ? 'rejected' : 'failed',
        outcome: messageOf(error),
      });
      commandLog.warn(
        { err: messageOf(error) },
        refused ? 'setpoint refused by the device' : 'setpoint failed',
      );
    }
  };

  let running: Promise<void> | undefined;
  let again = false;
  const check = async (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        for (const command of await claimSetpoints(db, gatewayId, channelIds)) await execute(command);
      } while (again);
    })().finally(() => {
      running = undefined;
    });
    return running;
  };
  const onError = (error: unknown) => logger.warn({ err: messageOf(error) }, 'setpoint check failed');
  const unlisten = await db.listen(SETPOINTS_NOTIFY_CHANNEL, (channelId) => {
    if (writable.has(channelId)) check().catch(onError);
  });
  const fallback = every(options.fallbackPollMs ?? 5_000, check, onError);
  return {
    async stop() {
      await unlisten();
      await fallback.stop();
      await running?.catch(() => {});
    },
  };
}
