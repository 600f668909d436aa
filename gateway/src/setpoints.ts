import {
  claimSetpoints,
  completeSetpoint,
  type Database,
  SETPOINTS_NOTIFY_CHANNEL,
  type SetpointCommand,
} from '@city/db';
import {
  acceptsWrite,
  decodePoint,
  encodePoint,
  isIntegerType,
  type Point,
  registerCount,
} from '@city/hardware/profiles';
import type { Logger } from 'pino';
import { every } from './schedule';
import { type ModbusClient, toFieldError } from './sources/modbus/client';

/** A point this gateway can write, with the connection and unit id that reach it. */
export interface WritablePoint {
  deviceId: string;
  unitId: number;
  point: Point;
  client: ModbusClient;
}

export interface SetpointOptions {
  db: Database;
  gatewayId: string;
  /** Channel id → where it is written. */
  writable: ReadonlyMap<string, WritablePoint>;
  logger: Logger;
  /** The look for commands when no NOTIFY came (a dropped LISTEN connection). Default 5 s. */
  fallbackPollMs?: number;
}

/** How far a read-back may differ from the value written: half a raw step for scaled integers. */
function tolerance(point: Point): number {
  return isIntegerType(point.type)
    ? Math.abs(point.scale) / 2
    : 1e-6 * Math.max(1, Math.abs(point.displayRange[1]));
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
    const commandLog = logger.child({
      setpoint: command.id,
      channel: command.channelId,
      value: command.value,
    });
    if (!target) return;
    const { point, client, unitId } = target;
    if (!acceptsWrite(point, command.value)) {
      const [min, max] = point.writeRange ?? [Number.NaN, Number.NaN];
      const outcome = `${command.value} is not accepted by ${point.name}: expected ${min}..${max}${point.type === 'enum' ? ` (one of ${Object.keys(point.values ?? {}).join(', ')})` : ''}`;
      commandLog.warn({ outcome }, 'setpoint rejected');
      await completeSetpoint(db, command.id, { status: 'rejected', outcome });
      return;
    }
    try {
      const table = point.table === 'coil' ? 'coil' : 'holding-register';
      await client.write(unitId, table, point.address, encodePoint(point, command.value, 'reject'));
      const readBack = decodePoint(
        point,
        await client.read(unitId, point.table, point.address, registerCount(point)),
      );
      const confirmed = Math.abs(readBack - command.value) <= tolerance(point);
      await completeSetpoint(db, command.id, {
        status: confirmed ? 'done' : 'failed',
        outcome: confirmed
          ? `written and read back`
          : `the device holds ${readBack} after ${command.value} was written`,
        readBack,
      });
      commandLog.info({ readBack, confirmed }, 'setpoint carried out');
    } catch (error) {
      const fieldError = toFieldError(error);
      await completeSetpoint(db, command.id, {
        status: 'failed',
        outcome: `${fieldError.kind}: ${fieldError.message}`,
      });
      commandLog.warn({ err: fieldError.message }, 'setpoint failed');
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
  const onError = (error: unknown) =>
    logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'setpoint check failed');
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
