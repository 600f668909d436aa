import { type Channel, describeStatusCode, type LatestValue, severityOf } from '@city/domain';

/** What a screen shows for one channel: its quality decides how loudly the number is marked. */
export type ReadoutQuality = 'good' | 'uncertain' | 'bad' | 'no-data';

export interface Readout {
  /** The number as shown, e.g. "41.5", or "—" when there is none. */
  text: string;
  quality: ReadoutQuality;
  /** The raw value, for tests and tooltips. */
  value: number | null;
  sourceTime: number | null;
  /** OPC UA status name, e.g. "BadSensorFailure"; empty for good values. */
  status: string;
}

export function readoutOf(channel: Pick<Channel, 'displayRange'>, latest: LatestValue | undefined): Readout {
  if (!latest) return { text: '—', quality: 'no-data', value: null, sourceTime: null, status: 'no data yet' };
  const severity = severityOf(latest.statusCode);
  return {
    text: latest.value === null ? '—' : formatNumber(latest.value, channel.displayRange),
    quality: severity,
    value: latest.value,
    sourceTime: latest.sourceTime,
    status: severity === 'good' ? '' : describeStatusCode(latest.statusCode),
  };
}

/** Decimals follow the channel's display range, so a 0–200 scale reads "41.5" and a 0–5 scale "1.25". */
export function formatNumber(
  value: number,
  [low, high]: readonly [number, number],
  format: (value: number, decimals: number) => string = (v, decimals) => v.toFixed(decimals),
): string {
  const span = Math.abs(high - low);
  const decimals = span > 500 ? 0 : span > 20 ? 1 : 2;
  return format(value, decimals);
}
