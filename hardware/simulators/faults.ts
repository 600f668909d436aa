import { z } from 'zod';
import { ExceptionCode } from './modbus-exception';

/**
 * The ways a field controller fails, as a cabinet engineer meets them. Each is switched on and off
 * per device while the cabinet runs; `probability` makes it intermittent, as a flaky RS-485 line is.
 */
const probability = z.number().min(0).max(1).default(1);

export const EXCEPTION_NAMES = {
  'illegal-function': ExceptionCode.IllegalFunction,
  'illegal-address': ExceptionCode.IllegalDataAddress,
  'illegal-value': ExceptionCode.IllegalDataValue,
  'device-failure': ExceptionCode.ServerDeviceFailure,
  'device-busy': ExceptionCode.ServerDeviceBusy,
  'gateway-path-unavailable': ExceptionCode.GatewayPathUnavailable,
  'gateway-no-response': ExceptionCode.GatewayTargetFailedToRespond,
} as const;
export type ExceptionName = keyof typeof EXCEPTION_NAMES;

export const FaultSchema = z.discriminatedUnion('kind', [
  /** The request is swallowed: the master waits for its timeout. */
  z.strictObject({ kind: z.literal('no-response'), probability }),
  /** Answered with a Modbus exception instead of data. */
  z.strictObject({
    kind: z.literal('exception'),
    code: z.enum(Object.keys(EXCEPTION_NAMES) as [ExceptionName, ...ExceptionName[]]).default('device-busy'),
    probability,
  }),
  /** Answered correctly, but late. */
  z.strictObject({ kind: z.literal('slow'), delayMs: z.int().min(1).max(60_000), probability }),
  /** The registers stop changing, as when a controller's application hangs but its comms task runs on. */
  z.strictObject({ kind: z.literal('frozen') }),
  /** Every analog point reads far outside its range, as a broken sensor or a wiring fault shows. */
  z.strictObject({ kind: z.literal('out-of-range') }),
  /** RTU only: the answer's CRC is wrong, as on a noisy bus. */
  z.strictObject({ kind: z.literal('bad-crc'), probability }),
]);
export type Fault = z.output<typeof FaultSchema>;
export type FaultInput = z.input<typeof FaultSchema>;
export type FaultKind = Fault['kind'];
export const FAULT_KINDS = FaultSchema.options.map((option) => option.shape.kind.value) as FaultKind[];
