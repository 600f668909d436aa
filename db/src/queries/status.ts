/** OPC UA StatusCodes use all 32 bits; int4 is signed, so the top bit travels as the sign. */
export const toStoredStatus = (statusCode: number): number => statusCode | 0;
export const fromStoredStatus = (stored: number): number => stored >>> 0;
