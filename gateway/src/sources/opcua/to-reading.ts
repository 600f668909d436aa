import { type Reading, StatusCode } from '@city/domain';

/** The parts of an OPC UA DataValue a reading is made from, free of the library's types. */
export interface ReceivedValue {
  value: unknown;
  /** The full 32-bit OPC UA StatusCode; our quality codes are OPC UA's own. */
  statusCode: number;
  sourceTimeMs: number | undefined;
  serverTimeMs: number | undefined;
}

export interface ReceiveContext {
  /** The gateway's clock when it arrived (epoch ms). */
  receivedAtMs: number;
  maxClockSkewMs: number;
  /**
   * Read (not a change notification): an unchanged value keeps the time it last changed, however
   * long ago, so only a time in the future is suspect.
   */
  fromRead: boolean;
}

/**
 * A received value as a reading. Quality is the server's StatusCode. The time is the source's,
 * unless that clock is plainly wrong: a change stamped further than maxClockSkewMs from when it
 * arrived, or any value stamped in the future (a controller whose clock was never set, or lost its
 * battery). Then the server's time is used if it is sane, else the arrival time, and a Good value
 * becomes Uncertain, since nobody can say exactly when it was measured.
 */
export function toReading(channelId: string, received: ReceivedValue, context: ReceiveContext): Reading {
  const { receivedAtMs, maxClockSkewMs } = context;
  const sane = (timeMs: number | undefined): timeMs is number =>
    timeMs !== undefined &&
    timeMs - receivedAtMs <= maxClockSkewMs &&
    (context.fromRead || receivedAtMs - timeMs <= maxClockSkewMs);
  let statusCode = received.statusCode >>> 0;
  let time: number;
  if (sane(received.sourceTimeMs)) time = received.sourceTimeMs;
  else {
    time = sane(received.serverTimeMs) ? received.serverTimeMs : receivedAtMs;
    if (received.sourceTimeMs !== undefined && statusCode < StatusCode.Uncertain)
      statusCode = StatusCode.Uncertain;
  }
  const value = numeric(received.value);
  if (value === null && statusCode < StatusCode.Uncertain && received.value !== null) {
    // A Good string or structure cannot be stored as a number; say so rather than store nothing quietly.
    return { channelId, value: null, statusCode: StatusCode.BadDecodingError, sourceTime: new Date(time) };
  }
  return { channelId, value, statusCode, sourceTime: new Date(time) };
}

function numeric(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'bigint') return Number(value);
  // Int64 and UInt64 arrive as [high, low] 32-bit words.
  if (Array.isArray(value) && value.length === 2 && value.every((word) => typeof word === 'number')) {
    return (value[0] as number) * 2 ** 32 + (value[1] as number);
  }
  return null;
}
