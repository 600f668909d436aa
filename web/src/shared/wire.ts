/**
 * Live values as they travel to screens: tuples, with times as ages before the message's serverTime.
 * An object per value with its key names and two 13-digit epochs is about 115 bytes of JSON; this is
 * about 35, which is what a crew tablet on 3G and the server's socket writes pay for. Browser-safe.
 */
import type { LatestValue } from '@city/domain';

/** [channelId, value, statusCode, ms before serverTime it was measured, ms before serverTime it was stored]. */
export type WireValue = [
  channelId: string,
  value: number | null,
  statusCode: number,
  sourceAgeMs: number,
  serverAgeMs: number,
];

export function toWire(values: readonly LatestValue[], serverTime: number): WireValue[] {
  return values.map((v) => [
    v.channelId,
    v.value,
    v.statusCode,
    serverTime - v.sourceTime,
    serverTime - v.serverTime,
  ]);
}

export function fromWire(values: readonly WireValue[], serverTime: number): LatestValue[] {
  return values.map(([channelId, value, statusCode, sourceAgeMs, serverAgeMs]) => ({
    channelId,
    value,
    statusCode,
    sourceTime: serverTime - sourceAgeMs,
    serverTime: serverTime - serverAgeMs,
  }));
}
