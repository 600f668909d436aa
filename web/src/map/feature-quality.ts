import { type LatestValue, severityOf } from '@city/domain';

/**
 * How trustworthy what the map shows is. `stale`: the value was good when measured but nothing newer
 * came for too long (a silent gateway still shows its last number); `no-data`: nothing ever came.
 */
export type MapQuality = 'good' | 'uncertain' | 'bad' | 'stale' | 'no-data';

/**
 * A value older than this is stale. The field polls every second and the slowest source (hourly
 * Luchtmeetnet data) is republished by its gateway every poll, so a minute of silence is a fault.
 */
export const STALE_AFTER_MS = 60_000;

export function qualityOf(
  latest: LatestValue | undefined,
  now: number,
  staleAfterMs = STALE_AFTER_MS,
): MapQuality {
  if (!latest) return 'no-data';
  const severity = severityOf(latest.statusCode);
  if (severity === 'bad' || latest.value === null) return 'bad';
  if (severity === 'uncertain') return 'uncertain';
  return now - latest.sourceTime > staleAfterMs ? 'stale' : 'good';
}

/** Whether a number may be drawn as if measured: uncertain and stale values are drawn, but marked. */
export const hasUsableValue = (quality: MapQuality): boolean =>
  quality === 'good' || quality === 'uncertain' || quality === 'stale';

/** Label placement order: what is wrong wins the space over what is fine. */
export const QUALITY_RANK: Record<MapQuality, number> = {
  bad: 3,
  'no-data': 1,
  uncertain: 2,
  stale: 2,
  good: 0,
};
