/** Modbus exception codes (Modbus Application Protocol v1.1b3, section 7) that a field device answers with. */
export const ExceptionCode = {
  IllegalFunction: 0x01,
  IllegalDataAddress: 0x02,
  IllegalDataValue: 0x03,
  ServerDeviceFailure: 0x04,
  /** Busy with a long-running command; the master should retry later. */
  ServerDeviceBusy: 0x06,
  /** A TCP-to-RTU gateway with no path to the serial bus. */
  GatewayPathUnavailable: 0x0a,
  /** A TCP-to-RTU gateway's answer when nobody on the serial bus answers for that unit id. */
  GatewayTargetFailedToRespond: 0x0b,
} as const;
export type ExceptionCode = (typeof ExceptionCode)[keyof typeof ExceptionCode];

/** Thrown by a unit's handlers; the server turns it into a Modbus exception response. */
export class ModbusException extends Error {
  override readonly name = 'ModbusException';
  constructor(
    readonly exceptionCode: ExceptionCode,
    message: string,
  ) {
    super(message);
  }
}
