'use client';
import { FlyToInterpolator, type MapViewState } from '@deck.gl/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { MapFeature } from './layers/types';
import { useMapFocus } from './map-focus';
import { INITIAL_VIEW_STATE } from './view';

/** Labels are placed for the zoom rounded down to a quarter step: zooming in only spreads them apart. */
export const zoomStepOf = (zoom: number) => Math.floor(zoom * 4) / 4;

/** The map width the initial view was made for: a 1350 px map, wider than today's console gives it. */
const REFERENCE_WIDTH_PX = 1350;
/** Room kept at each side of a narrower map, so a station at the city's edge has its label on screen. */
const EDGE_LABEL_ROOM_PX = 90;

/**
 * The zoom that shows the city across a map `width` px wide: the reference view at the reference
 * width; narrower maps zoom out until the same city spans their width less a label's room each side.
 */
export function fittedZoom(width: number): number {
  const room = 2 * EDGE_LABEL_ROOM_PX;
  const zoom = INITIAL_VIEW_STATE.zoom + Math.log2((width - room) / (REFERENCE_WIDTH_PX - room));
  return Math.min(12.5, Math.max(INITIAL_VIEW_STATE.minZoom, Number.isFinite(zoom) ? zoom : 0));
}

type ViewState = MapViewState & { transitionDuration?: number; transitionInterpolator?: FlyToInterpolator };

/**
 * The map's camera: where the operator panned to (kept in a ref, so panning re-renders nothing), the
 * zoom step the labels follow, and a flight to the asset `focusAsset` names, which is then ringed.
 */
export function useMapView(findFeature: (id: string) => MapFeature | undefined, featuresLoaded: boolean) {
  const current = useRef<MapViewState>(INITIAL_VIEW_STATE);
  const [initialViewState, setInitialViewState] = useState<ViewState>(INITIAL_VIEW_STATE);
  const [zoomStep, setZoomStep] = useState(zoomStepOf(INITIAL_VIEW_STATE.zoom));
  const [highlighted, setHighlighted] = useState<string | null>(null);
  // Until the map knows its size, the zoom is the unfitted start's: labels placed for it are thrown away.
  const [sized, setSized] = useState(false);
  const focus = useMapFocus();

  const onViewStateChange = useCallback(({ viewState }: { viewState: MapViewState }) => {
    moved.current = true;
    current.current = viewState;
    setZoomStep(zoomStepOf(viewState.zoom));
    setSized(true);
  }, []);

  // A new nonce is a new request, even for the same asset; one made before the features loaded is
  // answered once they have (an alarm clicked on another screen, then the map opened).
  // biome-ignore lint/correctness/useExhaustiveDependencies: nonce and loading are the triggers
  useEffect(() => {
    if (!focus.assetId) return;
    const feature = findFeature(focus.assetId);
    if (!feature) return;
    const [longitude, latitude] = feature.position;
    moved.current = true;
    setHighlighted(feature.id);
    setInitialViewState({
      ...current.current,
      longitude,
      latitude,
      zoom: Math.max(current.current.zoom, 14),
      transitionDuration: 1_200,
      transitionInterpolator: new FlyToInterpolator(),
    });
  }, [focus.nonce, featuresLoaded]);

  const viewState = useCallback(() => current.current, []);
  const moved = useRef(false);
  /** Fits the city to the map's width on first show. */
  const fitWidth = useCallback((width: number) => {
    setSized(true);
    if (moved.current || width <= 0) return;
    const zoom = fittedZoom(width);
    current.current = { ...current.current, zoom };
    setInitialViewState({ ...INITIAL_VIEW_STATE, zoom });
    setZoomStep(zoomStepOf(zoom));
  }, []);
  /**
   * What deck.gl drew with. It can differ from what this hook last heard: a resize right after the
   * fitted start is answered with the view deck.gl had before it. Labels are placed for the drawn
   * zoom, so when the two differ the drawn one wins; answers whether it did.
   */
  const drawnWith = useCallback((drawn: MapViewState): boolean => {
    if (Math.abs(drawn.zoom - current.current.zoom) < 1e-6) return false;
    const { longitude, latitude, zoom, bearing, pitch } = drawn;
    current.current = { ...current.current, longitude, latitude, zoom, bearing, pitch };
    setZoomStep(zoomStepOf(drawn.zoom));
    return true;
  }, []);
  return {
    initialViewState,
    onViewStateChange,
    zoomStep,
    sized,
    highlighted,
    viewState,
    fitWidth,
    drawnWith,
  };
}
