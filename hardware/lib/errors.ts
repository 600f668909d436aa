/**
 * Catalogue of hardware errors an operator may meet. Each has a stable code to search for, and a
 * message that says what happened and what to do about it.
 */
export type HardwareErrorCode =
  | 'CITY_HW_INVALID_DATA_FILE'
  | 'CITY_HW_UNKNOWN_PROFILE'
  | 'CITY_HW_INVALID_ID'
  | 'CITY_HW_UNKNOWN_CABINET'
  | 'CITY_HW_UNKNOWN_DEVICE'
  | 'CITY_HW_UNKNOWN_POINT'
  | 'CITY_HW_VALUE_NOT_ENCODABLE'
  | 'CITY_HW_BAD_REGISTER_WORDS'
  | 'CITY_HW_PORT_UNAVAILABLE'
  | 'CITY_HW_INVALID_SCALE'
  | 'CITY_HW_FAULT_NOT_APPLICABLE';

export class HardwareError extends Error {
  override readonly name: string = 'HardwareError';
  constructor(
    readonly code: HardwareErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${code}: ${message}`, options);
  }
}

export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
