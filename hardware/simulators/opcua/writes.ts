import { DataType, type DataValue, type StatusCode, StatusCodes, type UAVariable } from 'node-opcua';
import { encodePoint } from '../../profiles/codec';
import type { Point } from '../../profiles/schema';
import type { FaultyDevice } from '../device-faults';
import { ExceptionCode, ModbusException } from '../modbus-exception';

/** A controller that does not answer a write within this long is reported as timed out. */
const WRITE_TIMEOUT_MS = 5_000;

/** A measured quantity: an AnalogItem with units and range. States and bits are plain variables. */
export const isAnalog = (point: Point) => !['bool', 'bitfield', 'enum'].includes(point.type);

export const dataTypeOf = (point: Point): DataType =>
  point.type === 'bool' ? DataType.Boolean : isAnalog(point) ? DataType.Double : DataType.UInt16;

/** A point's value as the controller holds it (a number), as its variable carries it. */
export const variantOf = (point: Point, held: number) => ({
  dataType: dataTypeOf(point),
  value: point.type === 'bool' ? held !== 0 : held,
});

/** How the controller's own answer to a write reads in OPC UA (Part 4, 7.34). */
function statusOfRefusal(error: unknown): StatusCode {
  if (!(error instanceof ModbusException)) return StatusCodes.BadDeviceFailure;
  switch (error.exceptionCode) {
    case ExceptionCode.IllegalDataValue:
      return StatusCodes.BadOutOfRange;
    case ExceptionCode.IllegalDataAddress:
      return StatusCodes.BadNotWritable;
    case ExceptionCode.ServerDeviceBusy:
      return StatusCodes.BadResourceUnavailable;
    default:
      return StatusCodes.BadDeviceFailure;
  }
}

/**
 * Makes a read-write point's variable writable by OPC UA clients, with the controller deciding: the
 * value is encoded as the controller holds it and written to it, so its write range, its enum values
 * and its faults apply exactly as they do over Modbus. What the controller refuses is answered with
 * the matching Bad status and changes nothing.
 *
 * node-opcua's own way (bindVariable with a setter) also takes over reads, which would turn the
 * simulation's source-stamped value changes into server-side sampling; so the write entry point of
 * this one variable is replaced instead.
 */
export function acceptWrites(variable: UAVariable, point: Point, device: FaultyDevice): void {
  const dataType = dataTypeOf(point);
  const write = async (dataValue: DataValue): Promise<StatusCode> => {
    const variant = dataValue.value;
    if (variant.dataType !== dataType) return StatusCodes.BadTypeMismatch;
    const value = dataType === DataType.Boolean ? Number(variant.value === true) : Number(variant.value);
    let words: number[];
    try {
      words = encodePoint(point, value, 'reject');
    } catch {
      return StatusCodes.BadOutOfRange;
    }
    const table = point.table === 'coil' ? 'coil' : 'holding-register';
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), WRITE_TIMEOUT_MS);
    });
    try {
      const answer = await Promise.race([
        Promise.resolve(device.write(table, point.address, words)),
        timeout,
      ]);
      if (answer === 'timeout') return StatusCodes.BadTimeout;
    } catch (error) {
      return statusOfRefusal(error);
    } finally {
      clearTimeout(timer);
    }
    variable.setValueFromSource(
      variantOf(point, device.device.readPointValue(point.name)),
      StatusCodes.Good,
      new Date(),
    );
    return StatusCodes.Good;
  };
  const writeValue = (_context: unknown, dataValue: DataValue, ...rest: unknown[]) => {
    const callback = rest.find((argument) => typeof argument === 'function') as
      | ((error: Error | null, statusCode?: StatusCode) => void)
      | undefined;
    const result = write(dataValue);
    if (!callback) return result;
    result.then(
      (statusCode) => callback(null, statusCode),
      (error: Error) => callback(error),
    );
    return undefined;
  };
  Object.assign(variable, { writeValue });
}
