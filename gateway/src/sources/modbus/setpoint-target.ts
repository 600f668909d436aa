import {
  acceptsWrite,
  decodePoint,
  encodePoint,
  isIntegerType,
  type Point,
  registerCount,
} from '@city/hardware/profiles';
import type { SetpointTarget } from '../../setpoints';
import { type ModbusClient, toFieldError } from './client';

/** How far a read-back may differ from the value written: half a raw step for scaled integers. */
function tolerance(point: Point): number {
  return isIntegerType(point.type)
    ? Math.abs(point.scale) / 2
    : 1e-6 * Math.max(1, Math.abs(point.displayRange[1]));
}

/** A read-write point of a Modbus device: its profile's write range is checked before anything is sent. */
export function modbusSetpointTarget(
  deviceId: string,
  unitId: number,
  point: Point,
  client: ModbusClient,
): SetpointTarget {
  return {
    deviceId,
    tolerance: tolerance(point),
    refusal(value) {
      if (acceptsWrite(point, value)) return undefined;
      const [min, max] = point.writeRange ?? [Number.NaN, Number.NaN];
      const values = point.type === 'enum' ? ` (one of ${Object.keys(point.values ?? {}).join(', ')})` : '';
      return `${value} is not accepted by ${point.name}: expected ${min}..${max}${values}`;
    },
    async write(value) {
      try {
        const table = point.table === 'coil' ? 'coil' : 'holding-register';
        await client.write(unitId, table, point.address, encodePoint(point, value, 'reject'));
        return decodePoint(
          point,
          await client.read(unitId, point.table, point.address, registerCount(point)),
        );
      } catch (error) {
        const fieldError = toFieldError(error);
        throw new Error(`${fieldError.kind}: ${fieldError.message}`, { cause: error });
      }
    },
  };
}
