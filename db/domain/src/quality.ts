/**
 * Quality of a value, modelled on OPC UA StatusCode (Part 4, 7.39): the top two bits give the
 * severity, the next 14 the sub-code. We keep the full 32-bit code so that a value read over
 * OPC UA keeps its exact status, and a Modbus failure maps onto the nearest OPC UA code.
 */
export type QualitySeverity = 'good' | 'uncertain' | 'bad';

export const StatusCode = {
  Good: 0x0000_0000,
  Uncertain: 0x4000_0000,
  UncertainLastUsableValue: 0x4090_0000,
  UncertainSensorNotAccurate: 0x4093_0000,
  Bad: 0x8000_0000,
  BadCommunicationError: 0x8005_0000,
  BadTimeout: 0x800a_0000,
  BadNoCommunication: 0x8031_0000,
  BadOutOfRange: 0x803c_0000,
  BadSensorFailure: 0x808c_0000,
  BadDeviceFailure: 0x808b_0000,
  BadDecodingError: 0x8007_0000,
  BadNodeIdUnknown: 0x8034_0000,
} as const;

export type StatusCodeName = keyof typeof StatusCode;

export function severityOf(statusCode: number): QualitySeverity {
  const severityBits = statusCode >>> 30;
  if (severityBits === 0) return 'good';
  if (severityBits === 1) return 'uncertain';
  return 'bad';
}

const namesByCode = new Map<number, StatusCodeName>(
  Object.entries(StatusCode).map(([name, code]) => [code, name as StatusCodeName]),
);

/** A readable name for logs and tooltips; unknown codes fall back to their severity and hex. */
export function describeStatusCode(statusCode: number): string {
  return (
    namesByCode.get(statusCode >>> 0) ?? `${severityOf(statusCode)} (0x${(statusCode >>> 0).toString(16)})`
  );
}
