import { z } from 'zod';
import { ExceptionCode } from './modbus-exception';

/** Faults that only one protocol can show. */
export const OPC_UA_ONLY_FAULTS: readonly string[] = ['bad-status', 'clock-offset'];

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

/** StatusCodes (OPC 10000-4, 7.39) a failing OPC UA device reports instead of Good. */
export const OPC_UA_FAULT_STATUSES = [
  'BadSensorFailure',
  'BadDeviceFailure',
  'BadCommunicationError',
  'BadOutOfService',
  'BadWaitingForInitialData',
  'UncertainLastUsableValue',
  'UncertainSensorNotAccurate',
] as const;
export type OpcUaFaultStatus = (typeof OPC_UA_FAULT_STATUSES)[number];

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
  /** TCP: the answer is mangled (bytes flipped, cut short, a wrong length or transaction id, or noise), as a failing bridge sends. */
  z.strictObject({ kind: z.literal('corrupt'), probability }),
  /** RTU only: the answer's CRC is wrong, as on a noisy bus. */
  z.strictObject({ kind: z.literal('bad-crc'), probability }),
  /** OPC UA only: values carry this StatusCode, as a PLC reports a failed sensor or a lost field bus. */
  z.strictObject({
    kind: z.literal('bad-status'),
    status: z.enum(OPC_UA_FAULT_STATUSES).default('BadSensorFailure'),
  }),
  /** OPC UA only: the device's clock is off by this much, so its source timestamps are too. */
  z.strictObject({ kind: z.literal('clock-offset'), offsetMs: z.int().min(-86_400_000).max(86_400_000) }),
]);
export type Fault = z.output<typeof FaultSchema>;
export type FaultInput = z.input<typeof FaultSchema>;
export type FaultKind = Fault['kind'];
export const FAULT_KINDS = FaultSchema.options.map((option) => option.shape.kind.value) as FaultKind[];
