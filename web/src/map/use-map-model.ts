'use client';
import type { AlarmPriority, GatewayStatus, LatestValue } from '@city/domain';
import { useLocale } from 'next-intl';
import { useMemo } from 'react';
import type { Catalog } from '../data/catalog';
import { QUALITY_RANK } from './feature-quality';
import { widestTextOf } from './features';
import { candidateOf, drawnLabels } from './labels/label-layers';
import { measureText } from './labels/measure';
import { placeLabels } from './labels/placement';
import { MAP_LAYERS } from './layers/registry';
import type { FeatureReadout, FormatNumber, MapFeature, MapLayerId, ReadContext } from './layers/types';
import { inDistrict, type MapSelection } from './map-selection';

export interface MapModelInput {
  catalog: Catalog | null;
  values: ReadonlyMap<string, LatestValue>;
  version: number;
  gateways: readonly GatewayStatus[];
  selection: MapSelection;
  alarms: ReadonlyMap<string, AlarmPriority>;
  /** The zoom the labels are placed for (rounded down, so labels only move apart between steps). */
  zoomStep: number;
  /** Bumps every few seconds, so a value that stops coming turns stale without a new frame. */
  tick: number;
}

/**
 * The locale's number format with fixed decimals. One Intl.NumberFormat per decimals, made once: a
 * scaled city formats ten thousand values a second, too many to build a formatter for each.
 */
export function useNumberFormat(): FormatNumber {
  const locale = useLocale();
  return useMemo(() => {
    const formats = new Map<number, Intl.NumberFormat>();
    return (value: number, decimals: number) => {
      let format = formats.get(decimals);
      if (!format) {
        format = new Intl.NumberFormat(locale, {
          minimumFractionDigits: decimals,
          maximumFractionDigits: decimals,
        });
        formats.set(decimals, format);
      }
      return format.format(value);
    };
  }, [locale]);
}

/** Every layer's features, built when the catalog, the gateways or the district change; never per frame. */
function useFeatures(catalog: Catalog | null, gateways: readonly GatewayStatus[], district: string | null) {
  const gatewayKey = gateways.map((gateway) => gateway.id).join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: gateways matter by their ids only; heartbeats change readouts, not features
  const all = useMemo(() => {
    const byLayer = new Map<MapLayerId, MapFeature[]>();
    if (!catalog) return byLayer;
    for (const layer of MAP_LAYERS) byLayer.set(layer.id, layer.featuresOf({ catalog, gateways }));
    return byLayer;
  }, [catalog, gatewayKey]);
  const shown = useMemo(() => {
    const byLayer = new Map<MapLayerId, MapFeature[]>();
    for (const [id, features] of all) byLayer.set(id, features.filter(inDistrict(district)));
    return byLayer;
  }, [all, district]);
  return { all, shown };
}

const definitions = new Map(MAP_LAYERS.map((layer) => [layer.id, layer]));

function importanceOf(readout: FeatureReadout, alarm: AlarmPriority | undefined): number {
  return (
    (alarm ? (5 - alarm) * 1000 : 0) +
    (readout.emphasis === 'abnormal' ? 100 : 0) +
    QUALITY_RANK[readout.quality] * 10
  );
}

/** The map's model: features per layer, each one's readout now, and where the labels go. */
export function useMapModel({
  catalog,
  values,
  version,
  gateways,
  selection,
  alarms,
  zoomStep,
  tick,
}: MapModelInput) {
  const format = useNumberFormat();
  const { all, shown } = useFeatures(catalog, gateways, selection.district);
  const gatewayById = useMemo(() => new Map(gateways.map((gateway) => [gateway.id, gateway])), [gateways]);
  const trigger = `${version}:${tick}:${gateways.length > 0 ? gateways[0]?.lastSeen : 0}:${format === undefined}`;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the trigger names every input a readout reads
  const { readout, context } = useMemo(() => {
    const context: ReadContext = { values, now: Date.now(), format, gateways: gatewayById };
    const cache = new Map<MapFeature, FeatureReadout>();
    const readout = (feature: MapFeature): FeatureReadout => {
      let result = cache.get(feature);
      if (!result) {
        const definition = definitions.get(feature.layer);
        result = definition
          ? definition.readoutOf(feature, context)
          : { quality: 'no-data', value: null, text: '—', emphasis: 'normal', sourceTime: null };
        cache.set(feature, result);
      }
      return result;
    };
    return { readout, context };
  }, [trigger, gatewayById]);

  const visible = useMemo(
    () =>
      MAP_LAYERS.filter((layer) => selection.layers.has(layer.id)).flatMap(
        (layer) => shown.get(layer.id) ?? [],
      ),
    [shown, selection.layers],
  );
  // Which features compete hardest for label space; placement reruns only when this changes.
  const importance = visible
    .map((feature) => [feature, importanceOf(readout(feature), alarms.get(feature.id))] as const)
    .filter(([, weight]) => weight > 0);
  const importanceKey = importance.map(([feature, weight]) => `${feature.id}=${weight}`).join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: importanceKey stands for the weights read here
  const labels = useMemo(() => {
    const weights = new Map(importance.map(([feature, weight]) => [feature.id, weight]));
    const candidates = visible
      .filter((feature) => feature.layer !== 'cabinets' || weights.has(feature.id))
      .map((feature) => {
        const metric = definitions.get(feature.layer)?.mainMetric(feature);
        const widest = metric ? widestTextOf(feature.channels.get(metric), format) : '888/888';
        return candidateOf(feature, widest, weights.get(feature.id) ?? 0, measureText);
      });
    const byId = new Map(visible.map((feature) => [feature.id, feature]));
    return drawnLabels(placeLabels(candidates, zoomStep), byId);
  }, [visible, importanceKey, zoomStep, format]);

  // The overlays draw only the few features that need a glyph or a shape, not every feature hidden.
  const poorIds = visible
    .filter((feature) => readout(feature).quality !== 'good')
    .map((feature) => feature.id);
  const poorKey = poorIds.join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: poorKey stands for the set read here
  const poorQuality = useMemo(() => {
    const ids = new Set(poorIds);
    return visible.filter((feature) => ids.has(feature.id));
  }, [visible, poorKey]);
  const alarmed = useMemo(() => visible.filter((feature) => alarms.has(feature.id)), [visible, alarms]);

  return { all, shown, readout, context, trigger, labels, visible, poorQuality, alarmed };
}
