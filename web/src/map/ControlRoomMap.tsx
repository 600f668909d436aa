'use client';
import type { MapViewState, PickingInfo } from '@deck.gl/core';
import DeckGL, { type DeckGLRef } from '@deck.gl/react';
import { useFormatter, useTranslations } from 'next-intl';
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Catalog } from '../data/catalog';
import { useAlarms, useLinkStatus } from '../data/realtime/RealtimeProvider';
import { useFrameTelemetry } from '../data/realtime/use-frame-telemetry';
import { useBasemap } from '../data/use-basemap';
import { alarmMarksOf } from './alarm-marks';
import { ShippedBasemap } from './basemap/ShippedBasemap';
import { type BasemapCamera, StyleBasemap } from './basemap/StyleBasemap';
import { FramePacer } from './frame-pacer';
import { drawIconAtlas, iconMapping } from './icon-atlas';
import { districtNamesUnderLabels } from './labels/district-names';
import { createLabelLayers } from './labels/label-layers';
import { measureText } from './labels/measure';
import { MAP_LAYERS } from './layers/registry';
import type { IconSet, MapFeature } from './layers/types';
import { MapAttribution } from './MapAttribution';
import { MapLegend } from './MapLegend';
import { afterRender, createProbe, type MapProbe } from './map-probe';
import type { MapSelection } from './map-selection';
import { createOverlayLayers } from './overlays';
import { mapDeviceProps, presizeCanvas, rememberRenderer } from './render-quality';
import { MAP_COLOURS } from './theme';
import { withoutUnfilledLayers } from './unfilled-layers';
import { useGateways } from './use-gateways';
import { useMapModel } from './use-map-model';
import { useMapView } from './use-map-view';
import { MAP_VIEW } from './view';
import './map.css';

declare global {
  interface Window {
    __cityMap?: MapProbe;
  }
}

/** Bumps every 5 s, so a value that stops arriving turns stale on screen without a new frame. */
function useTick(everyMs: number): number {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return tick;
}

/** deck.gl's tooltip takes inline styles; these read the design tokens' custom properties. */
const TOOLTIP_STYLE = {
  padding: '8px 12px',
  background: 'var(--surface-raised)',
  color: 'var(--text)',
  border: '1px solid var(--control-border)',
  borderRadius: '8px',
  font: '600 16px/1.4 var(--font)',
  whiteSpace: 'pre-line',
};

/** The feature behind whatever was picked: a mark, a label, a pump. */
function featureOf(object: unknown): MapFeature | null {
  if (!object || typeof object !== 'object') return null;
  if ('feature' in object) return (object as { feature: MapFeature }).feature;
  if ('station' in object) return (object as { station: MapFeature }).station;
  return 'layer' in object && 'position' in object ? (object as MapFeature) : null;
}

/**
 * The city map: the base map in its own canvas below, then each shown layer's marks from the
 * registry, quality glyphs, alarm shapes and the labels. Features are built per catalog and district;
 * a telemetry frame only moves the update trigger, so deck.gl refreshes colours and texts, never the
 * data. It re-renders for its own inputs only (memo): a console re-render (the link's last-update
 * time, once a second) drew a frame of unchanged values just before the frame with the new ones.
 */
export default memo(function ControlRoomMap({
  catalog,
  selection,
}: {
  catalog: Catalog | null;
  selection: MapSelection;
}) {
  const t = useTranslations('map');
  const tq = useTranslations('console.quality');
  const format = useFormatter();
  const basemap = useBasemap();
  const baseCamera = useRef<BasemapCamera | null>(null);
  const [basemapCredits, setBasemapCredits] = useState<string[] | null>(null);
  const [icons] = useState<IconSet>(() => ({ atlas: drawIconAtlas(), mapping: iconMapping() }));
  const [pacer] = useState(() => new FramePacer());
  const [deviceProps] = useState(() => mapDeviceProps(true));
  const incoming = useFrameTelemetry(pacer);
  const probe = useRef<MapProbe | null>(null);
  const heldLive = useRef(incoming);
  if (!probe.current?.held) heldLive.current = incoming;
  const live = heldLive.current;
  const gateways = useGateways(selection.layers.has('cabinets'));
  const { alarms } = useAlarms();
  const alarmMarks = useMemo(() => alarmMarksOf(alarms.values(), catalog?.channels ?? []), [alarms, catalog]);
  const tick = useTick(5_000);
  const deck = useRef<DeckGLRef>(null);
  const container = useRef<HTMLDivElement>(null);
  const allRef = useRef<Map<string, MapFeature>>(new Map());
  const everFilled = useRef(new Set<string>());
  const view = useMapView((id) => allRef.current.get(id), catalog !== null);
  // Before the first values every label would be weighted as missing data, then placed again: wait
  // for them, unless the link failed and no values are coming.
  const linkStatus = useLinkStatus();
  const awaitingValues = live.version === 0 && linkStatus === 'connecting';
  const model = useMapModel({
    catalog,
    live,
    gateways,
    selection,
    alarms: alarmMarks,
    labelZoom: view.sized && !awaitingValues ? view.zoomStep : null,
    tick,
  });
  allRef.current = useMemo(() => new Map([...model.all.values()].flat().map((f) => [f.id, f])), [model.all]);
  const highlighted = view.highlighted ? (allRef.current.get(view.highlighted) ?? null) : null;

  const drawContext = { ...model.context, readout: model.readout, icons, zoomStep: view.zoomStep };
  const markLayers = MAP_LAYERS.filter((layer) => selection.layers.has(layer.id)).flatMap((layer) =>
    layer.createLayers(model.shown.get(layer.id) ?? [], {
      ...drawContext,
      version: model.layerVersion(layer.id),
    }),
  );
  const layers = withoutUnfilledLayers(
    [
      ...markLayers,
      ...createOverlayLayers({
        poorQuality: model.poorQuality,
        alarmBadges: model.alarmBadges,
        sharedAlarmBadges: model.sharedAlarmBadges,
        readout: model.readout,
        version: model.qualityVersion,
        icons,
        alarmsVersion: alarms,
        highlighted,
      }),
      ...createLabelLayers(model.labels, model.readout, model.labelsVersion),
    ],
    everFilled.current,
  );

  const shippedBasemap = basemap?.kind === 'shipped' ? basemap.basemap : null;
  // Labels keep their pixel offsets at any zoom within a step: their boxes are tested at the drawn zoom.
  const drawnZoom = view.viewState().zoom;
  const namesUnderLabels = useMemo(
    () =>
      shippedBasemap
        ? districtNamesUnderLabels(shippedBasemap.districts.features, model.labels, drawnZoom, measureText)
        : [],
    [shippedBasemap, model.labels, drawnZoom],
  );

  const ready = !!catalog && !!basemap && live.values.size > 0;
  const sources = useRef({
    labels: model.labels,
    visible: model.visible,
    highlighted: view.highlighted,
    viewState: view.viewState,
  });
  sources.current = {
    labels: model.labels,
    visible: model.visible,
    highlighted: view.highlighted,
    viewState: view.viewState,
  };
  // One probe per mounted map (a new one per render lost what it had recorded): it reads the
  // current model through the ref.
  useEffect(() => {
    probe.current = createProbe({
      deck: () => deck.current?.deck ?? null,
      features: () => sources.current.visible,
      labels: () => sources.current.labels,
      viewState: () => sources.current.viewState(),
      highlighted: () => sources.current.highlighted,
    });
    window.__cityMap = probe.current;
    return () => {
      window.__cityMap = undefined;
    };
  }, []);
  if (probe.current) probe.current.ready = ready;
  // Before deck.gl, which makes its context in an effect of its own, after an await.
  useLayoutEffect(() => {
    const box = container.current;
    if (box) presizeCanvas(box.querySelector<HTMLCanvasElement>('.map-canvas canvas'), box);
  }, []);
  const { fitWidth, initialViewState, onViewStateChange } = view;
  useEffect(() => fitWidth(container.current?.clientWidth ?? 0), [fitWidth]);
  // deck.gl reports a flight frame by frame, but not a new starting view: the base map is told here.
  useEffect(() => baseCamera.current?.follow(initialViewState), [initialViewState]);
  const followCamera = useCallback(
    (change: { viewState: MapViewState }) => {
      onViewStateChange(change);
      baseCamera.current?.follow(change.viewState);
    },
    [onViewStateChange],
  );

  const tooltip = ({ object }: PickingInfo) => {
    const feature = featureOf(object);
    if (!feature) return null;
    const readout = model.readout(feature);
    const age = readout.sourceTime ? format.relativeTime(readout.sourceTime, Date.now()) : tq('none');
    const quality = tq(readout.quality === 'no-data' ? 'none' : readout.quality);
    return {
      text: [feature.name, readout.text && readout.text !== '—' ? readout.text : null, `${quality} · ${age}`]
        .filter(Boolean)
        .join('\n'),
      style: TOOLTIP_STYLE,
    };
  };

  return (
    <div
      ref={container}
      className="map"
      style={{ background: MAP_COLOURS.water }}
      data-testid="city-map"
      data-ready={ready}
    >
      {shippedBasemap && (
        <ShippedBasemap
          basemap={shippedBasemap}
          camera={baseCamera}
          initialView={view.viewState}
          hiddenNames={namesUnderLabels}
        />
      )}
      {basemap?.kind === 'style' && (
        <StyleBasemap
          styleUrl={basemap.styleUrl}
          camera={baseCamera}
          initialView={view.viewState}
          onCredits={setBasemapCredits}
        />
      )}
      {/* The picture alone is the image; the legend beside it stays reachable by keyboard and screen reader. */}
      <div className="map-canvas" role="img" aria-label={t('label')}>
        <DeckGL
          ref={deck}
          views={MAP_VIEW}
          initialViewState={initialViewState}
          onViewStateChange={followCamera as never}
          controller
          deviceProps={deviceProps}
          onDeviceInitialized={(device) => rememberRenderer(device.info.renderer)}
          layers={layers}
          getTooltip={tooltip}
          onAfterRender={({ gl }: { gl?: WebGL2RenderingContext }) => {
            if (gl) pacer.submitted(gl);
            const drawn = deck.current?.deck?.getViewports()[0] as MapViewState | undefined;
            if (drawn && view.drawnWith(drawn)) baseCamera.current?.follow(drawn);
            const current = probe.current;
            if (!current) return;
            if (ready && current.firstLiveFrameAt === null) current.firstLiveFrameAt = Date.now();
            afterRender(current, gl);
          }}
        />
      </div>
      <MapLegend selection={selection} />
      <MapAttribution basemapCredits={basemapCredits} />
    </div>
  );
});
