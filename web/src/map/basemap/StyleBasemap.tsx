'use client';
import type { MapViewState } from '@deck.gl/core';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { type RefObject, useEffect, useRef } from 'react';
import 'maplibre-gl/dist/maplibre-gl.css';
import { resolveStyleUrls, type StyleDocument, styleCredits } from './resolve-style';

/** Moves the base map to where deck.gl's camera is; deck.gl keeps the controls and the picking. */
export interface BasemapCamera {
  follow(view: MapViewState): void;
}

/** What a test reads of the drawn base map: that the style loaded, and what its layers draw now. */
export interface BasemapProbe {
  styleUrl: string;
  idle: boolean;
  error: string | null;
  renderedLayers(): Record<string, number>;
  camera(): { longitude: number; latitude: number; zoom: number } | null;
}
declare global {
  interface Window {
    __cityBasemap?: BasemapProbe;
  }
}

let pmtilesRegistered = false;

/** MapLibre and the PMTiles protocol, loaded only on a map whose city configured its own style. */
async function loadMapLibre() {
  const [{ default: maplibregl }, { Protocol }] = await Promise.all([
    import('maplibre-gl'),
    import('pmtiles'),
  ]);
  if (!pmtilesRegistered) {
    maplibregl.addProtocol('pmtiles', new Protocol().tile);
    pmtilesRegistered = true;
  }
  return maplibregl;
}

async function fetchStyle(styleUrl: string): Promise<StyleDocument> {
  const url = new URL(styleUrl, window.location.href).href;
  const response = await fetch(url);
  if (!response.ok) throw new Error(`base-map style ${styleUrl}: HTTP ${response.status}`);
  return resolveStyleUrls((await response.json()) as StyleDocument, url);
}

const cameraOf = (view: MapViewState) => ({
  center: [view.longitude, view.latitude] as [number, number],
  zoom: view.zoom,
  bearing: view.bearing ?? 0,
  pitch: view.pitch ?? 0,
});

/**
 * The city's own MapLibre style (BASEMAP_STYLE) under the deck.gl layers, in a canvas of its own: it
 * does not take input, and it redraws only when the camera moves, never for a live value.
 */
export function StyleBasemap({
  styleUrl,
  camera,
  initialView,
  onCredits,
}: {
  styleUrl: string;
  camera: RefObject<BasemapCamera | null>;
  initialView: () => MapViewState;
  onCredits: (credits: string[]) => void;
}) {
  const container = useRef<HTMLDivElement>(null);
  // Read once at start; the camera follows through `camera` from then on.
  const start = useRef({ initialView, onCredits });
  useEffect(() => {
    let map: MapLibreMap | undefined;
    let cancelled = false;
    const probe: BasemapProbe = {
      styleUrl,
      idle: false,
      error: null,
      renderedLayers: () => ({}),
      camera: () => null,
    };
    window.__cityBasemap = probe;
    Promise.all([loadMapLibre(), fetchStyle(styleUrl)])
      .then(([maplibregl, style]) => {
        const element = container.current;
        if (cancelled || !element) return;
        start.current.onCredits(styleCredits(style));
        const created = new maplibregl.Map({
          container: element,
          style: style as never,
          interactive: false,
          attributionControl: false,
          fadeDuration: 0,
          ...cameraOf(start.current.initialView()),
        });
        map = created;
        camera.current = { follow: (view) => created.jumpTo(cameraOf(view)) };
        created.on('idle', () => {
          probe.idle = true;
        });
        created.on('error', (event) => {
          probe.error = event.error?.message ?? 'base-map error';
          console.error('base map', event.error);
        });
        probe.camera = () => {
          const { lng, lat } = created.getCenter();
          return { longitude: lng, latitude: lat, zoom: created.getZoom() };
        };
        probe.renderedLayers = () => {
          const counts: Record<string, number> = {};
          for (const feature of created.queryRenderedFeatures())
            counts[feature.layer.id] = (counts[feature.layer.id] ?? 0) + 1;
          return counts;
        };
      })
      .catch((error: unknown) => {
        probe.error = (error as Error).message;
        console.error('base-map style did not load', error);
      });
    return () => {
      cancelled = true;
      camera.current = null;
      map?.remove();
      if (window.__cityBasemap === probe) window.__cityBasemap = undefined;
    };
  }, [styleUrl, camera]);
  return <div ref={container} className="map-basemap" data-testid="style-basemap" aria-hidden="true" />;
}
