import type { Asset, Channel } from '@city/domain';
import type { Catalog } from '../data/catalog';
import type { Position } from './basemap-types';
import type { Emphasis } from './colour-bands';
import { hasUsableValue, qualityOf } from './feature-quality';
import type { FeatureReadout, MapFeature, MapLayerId, ReadContext } from './layers/types';

/** A point asset sits at its point; a line asset's mark and label sit at its middle vertex. */
export function anchorOf(asset: Asset): Position {
  const { geometry } = asset;
  if (geometry.type === 'Point') return geometry.coordinates;
  const middle = geometry.coordinates[Math.floor(geometry.coordinates.length / 2)];
  return middle ?? geometry.coordinates[0] ?? [0, 0];
}

export function channelsByMetric(channels: readonly Channel[] | undefined): Map<string, Channel> {
  return new Map((channels ?? []).map((channel) => [channel.metric, channel]));
}

/** The catalog's assets that `accept` takes, as features of one map layer. */
export function assetFeatures(
  catalog: Catalog,
  layer: MapLayerId,
  accept: (asset: Asset) => boolean,
): MapFeature[] {
  return catalog.assets.filter(accept).map((asset) => ({
    id: asset.id,
    layer,
    name: asset.name,
    district: asset.district,
    position: anchorOf(asset),
    path: asset.geometry.type === 'LineString' ? asset.geometry.coordinates : null,
    asset,
    channels: channelsByMetric(catalog.channelsByAsset.get(asset.id)),
  }));
}

/** Decimals follow the channel's display range, so a 0–200 scale reads "41.5" and a 0–5 scale "1.25". */
export function decimalsFor([low, high]: readonly [number, number]): number {
  const span = Math.abs(high - low);
  return span > 500 ? 0 : span > 20 ? 1 : 2;
}

/** The newest value of a feature's channel, if it has that metric and a number. */
export function numberOf(feature: MapFeature, metric: string, context: ReadContext): number | null {
  const channel = feature.channels.get(metric);
  const latest = channel ? context.values.get(channel.id) : undefined;
  if (!latest || latest.value === null) return null;
  return hasUsableValue(qualityOf(latest, context.now)) ? latest.value : null;
}

/**
 * The readout of a feature's main channel: quality from the value's status and age, the number with
 * its unit in the locale's format, and how loud to draw it (`emphasisOf` sees only usable values).
 */
export function channelReadout(
  feature: MapFeature,
  metric: string,
  context: ReadContext,
  emphasisOf: (value: number) => Emphasis,
): FeatureReadout {
  const channel = feature.channels.get(metric);
  const latest = channel ? context.values.get(channel.id) : undefined;
  const quality = qualityOf(latest, context.now);
  if (!channel || !latest || latest.value === null || !hasUsableValue(quality)) {
    return { quality, value: null, text: '—', emphasis: 'normal', sourceTime: latest?.sourceTime ?? null };
  }
  const number = context.format(latest.value, decimalsFor(channel.displayRange));
  return {
    quality,
    value: latest.value,
    text: channel.unit ? `${number}\u00a0${channel.unit}` : number,
    emphasis: emphasisOf(latest.value),
    sourceTime: latest.sourceTime,
  };
}

/** The widest text a channel's chip may need: its display range's ends, formatted, with the unit. */
export function widestTextOf(
  channel: Channel | undefined,
  format: (value: number, decimals: number) => string,
): string {
  if (!channel) return '—';
  const decimals = decimalsFor(channel.displayRange);
  const ends = channel.displayRange.map((end) => format(end, decimals));
  const widest = ends.reduce((a, b) => (b.length > a.length ? b : a), '—');
  return channel.unit ? `${widest}\u00a0${channel.unit}` : widest;
}
