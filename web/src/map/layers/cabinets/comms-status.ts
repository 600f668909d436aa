import { type GatewayStatus, type LatestValue, severityOf } from '@city/domain';

/** Gateways beat every 10 s; three missed beats is a lost link, not a late packet. */
export const GATEWAY_SILENT_AFTER_MS = 35_000;
/** Readings held back this long mean the uplink to the database is failing. */
export const BUFFER_ALARM_MS = 15_000;

export type CommsStatus =
  | { kind: 'ok' }
  | { kind: 'silent'; silentForMs: number }
  | { kind: 'buffering'; waiting: number }
  | { kind: 'devices-silent'; silent: number; points: number };

/**
 * A cabinet's communications, worst first: its gateway stopped reporting; it reports but cannot
 * deliver (readings pile up); it delivers but some of its devices do not answer (their points come
 * in bad); or all is well. Points without a value yet (not watched) say nothing either way.
 */
export function commsStatusOf(
  gateway: GatewayStatus | undefined,
  pointValues: readonly (LatestValue | undefined)[],
  now: number,
): CommsStatus {
  if (!gateway) return { kind: 'silent', silentForMs: Number.POSITIVE_INFINITY };
  const silentForMs = now - gateway.lastSeen;
  if (silentForMs > GATEWAY_SILENT_AFTER_MS) return { kind: 'silent', silentForMs };
  if (gateway.bufferDepth > 0 && (gateway.oldestUnsentMs ?? 0) > BUFFER_ALARM_MS)
    return { kind: 'buffering', waiting: gateway.bufferDepth };
  const known = pointValues.filter((value): value is LatestValue => value !== undefined);
  const silent = known.filter((value) => severityOf(value.statusCode) === 'bad').length;
  return silent > 0 ? { kind: 'devices-silent', silent, points: known.length } : { kind: 'ok' };
}
