'use client';
import type { AlarmPriority, GatewayStatus } from '@city/domain';
import { useMemo, useRef } from 'react';
import type { Catalog } from '../data/catalog';
import type { FrameTelemetry } from '../data/realtime/use-frame-telemetry';
import { alarmBadgesOf } from './alarm-marks';
import { widestTextOf } from './features';
import { candidateOf, drawnLabels } from './labels/label-layers';
import { measureText } from './labels/measure';
import { placeLabels } from './labels/placement';
import { MAP_LAYERS } from './layers/registry';
import type { FeatureReadout, FormatNumber, MapFeature, MapLayerId, ReadContext } from './layers/types';
import { LiveReadouts, type ReadoutChanges, type RefreshRequest } from './live-readouts';
import { inDistrict, type MapSelection } from './map-selection';
import { useNumberFormat } from './use-number-format';

export interface MapModelInput {
  catalog: Catalog | null;
  live: FrameTelemetry;
  gateways: readonly GatewayStatus[];
  selection: MapSelection;
  alarms: ReadonlyMap<string, AlarmPriority>;
  /**
   * The zoom the labels are placed for (rounded down, so labels only move apart between steps); null
   * while a placement would be thrown away at once (the map not yet sized, the first values on their way).
   */
  labelZoom: number | null;
  /** Bumps every few seconds, so a value that stops coming turns stale without a new frame. */
  tick: number;
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
const CABINETS: ReadonlySet<MapLayerId> = new Set(['cabinets']);

function readFeature(feature: MapFeature, context: ReadContext): FeatureReadout {
  const definition = definitions.get(feature.layer);
  return definition
    ? definition.readoutOf(feature, context)
    : { quality: 'no-data', value: null, text: '—', emphasis: 'normal', sourceTime: null };
}

interface Seen {
  readouts: LiveReadouts;
  version: number;
  tick: number;
  format: FormatNumber;
  gateways: ReadonlyMap<string, GatewayStatus>;
}

/**
 * What a frame must read again: only the channels it changed; everything after new features, a
 * missed hand-over, a new language or the staleness tick; the cabinets after a heartbeat.
 */
function requestFor(seen: Seen | null, now: Seen, live: FrameTelemetry): RefreshRequest {
  const full =
    !seen ||
    seen.readouts !== now.readouts ||
    seen.tick !== now.tick ||
    seen.format !== now.format ||
    (seen.version !== live.version && seen.version !== live.since);
  if (full) return { channels: 'all' };
  return {
    channels: seen.version === live.version ? new Set() : live.changed,
    layers: seen.gateways === now.gateways ? undefined : CABINETS,
  };
}

/** The readouts, refreshed with what changed since the last render that changed anything. */
function useLiveReadouts(
  shown: Map<MapLayerId, MapFeature[]>,
  live: FrameTelemetry,
  seenNow: Omit<Seen, 'readouts' | 'version'>,
) {
  const readouts = useMemo(() => new LiveReadouts([...shown.values()].flat(), readFeature), [shown]);
  const seen = useRef<Seen | null>(null);
  const { tick, format, gateways } = seenNow;
  return useMemo(() => {
    const now: Seen = { readouts, version: live.version, tick, format, gateways };
    const context: ReadContext = { values: live.values, now: Date.now(), format, gateways };
    const changes = readouts.refresh(context, requestFor(seen.current, now, live));
    seen.current = now;
    return { readouts, context, changes };
  }, [readouts, live, tick, format, gateways]);
}

/** Bumps when a frame read again a feature whose label is drawn, so only then are label texts redone. */
function useLabelsVersion(labels: readonly { feature: MapFeature }[], changes: ReadoutChanges): number {
  const version = useRef({ labels, changes, count: 0 });
  const last = version.current;
  if (last.changes !== changes || last.labels !== labels) {
    const touched =
      last.labels !== labels ||
      changes.features === 'all' ||
      labels.some(({ feature }) => (changes.features as ReadonlySet<MapFeature>).has(feature));
    version.current = { labels, changes, count: last.count + (touched ? 1 : 0) };
  }
  return version.current.count;
}

/** The map's model: features per layer, each one's readout now, and where the labels go. */
export function useMapModel({ catalog, live, gateways, selection, alarms, labelZoom, tick }: MapModelInput) {
  const format = useNumberFormat();
  const { all, shown } = useFeatures(catalog, gateways, selection.district);
  const gatewayById = useMemo(() => new Map(gateways.map((gateway) => [gateway.id, gateway])), [gateways]);
  const { readouts, context, changes } = useLiveReadouts(shown, live, {
    tick,
    format,
    gateways: gatewayById,
  });
  const readout = useMemo(
    () => (feature: MapFeature) => readouts.readout(feature) ?? readFeature(feature, context),
    [readouts, context],
  );

  const visible = useMemo(
    () =>
      MAP_LAYERS.filter((layer) => selection.layers.has(layer.id)).flatMap(
        (layer) => shown.get(layer.id) ?? [],
      ),
    [shown, selection.layers],
  );
  // Label space goes to alarms first, then abnormal values, then poor quality; placement reruns only
  // when one of those weights changes, not on every value. A block's size is measured once per feature
  // set and language, not at every placement (a 10,000-station map spent 14-42 ms on it each time).
  const blocks = useMemo(
    () =>
      visible.map((feature) => {
        const metric = definitions.get(feature.layer)?.mainMetric(feature);
        const widest = metric ? widestTextOf(feature.channels.get(metric), format) : '888/888';
        return { feature, candidate: candidateOf(feature, widest, 0, measureText) };
      }),
    [visible, format],
  );
  const { weightsVersion, qualityVersion } = readouts;
  // biome-ignore lint/correctness/useExhaustiveDependencies: weightsVersion stands for the weights read here
  const labels = useMemo(() => {
    if (labelZoom === null) return [];
    const stateWeights = readouts.stateWeights();
    const weightOf = (feature: MapFeature) => {
      const alarm = alarms.get(feature.id);
      return (alarm ? (5 - alarm) * 1000 : 0) + (stateWeights.get(feature.id) ?? 0);
    };
    const candidates = blocks
      .filter(({ feature }) => feature.layer !== 'cabinets' || weightOf(feature) > 0)
      .map(({ feature, candidate }) => ({ ...candidate, priority: weightOf(feature) }));
    const byId = new Map(visible.map((feature) => [feature.id, feature]));
    return drawnLabels(placeLabels(candidates, labelZoom), byId);
  }, [blocks, visible, readouts, weightsVersion, alarms, labelZoom]);
  const labelsVersion = useLabelsVersion(labels, changes);

  // The overlays draw only the few features that need a glyph or a shape, not every feature hidden.
  // biome-ignore lint/correctness/useExhaustiveDependencies: qualityVersion stands for the qualities read here
  const poorQuality = useMemo(
    () => visible.filter((feature) => readout(feature).quality !== 'good'),
    [visible, qualityVersion],
  );
  const alarmBadges = useMemo(
    () =>
      alarmBadgesOf(
        visible.filter((feature) => alarms.has(feature.id)),
        alarms,
        labelZoom,
      ),
    [visible, alarms, labelZoom],
  );
  // Its own array, kept while the badges are, so deck.gl does not rebuild the layer on every frame.
  const sharedAlarmBadges = useMemo(() => alarmBadges.filter((badge) => badge.count > 1), [alarmBadges]);

  return {
    all,
    shown,
    readout,
    context,
    layerVersion: (layer: MapLayerId) => readouts.layerVersion(layer),
    qualityVersion,
    labelsVersion,
    labels,
    visible,
    poorQuality,
    alarmBadges,
    sharedAlarmBadges,
  };
}
