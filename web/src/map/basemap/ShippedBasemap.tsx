'use client';
import { Deck, type MapViewState } from '@deck.gl/core';
import { type RefObject, useEffect, useRef } from 'react';
import type { Basemap } from '../../data/basemap';
import { createBasemapLayers } from '../basemap-layers';
import { mapDeviceProps } from '../render-quality';
import { MAP_VIEW } from '../view';
import type { BasemapCamera } from './StyleBasemap';

/**
 * The shipped base map (land, areas, districts and their names) in a canvas of its own under the live
 * layers. It takes no input and redraws only when the camera moves: on a software renderer its
 * outlines cost as much as a third of a live frame, and a new value never changes them.
 */
export function ShippedBasemap({
  basemap,
  camera,
  initialView,
}: {
  basemap: Basemap;
  camera: RefObject<BasemapCamera | null>;
  initialView: () => MapViewState;
}) {
  const container = useRef<HTMLDivElement>(null);
  // Read once at start; the camera follows through `camera` from then on.
  const start = useRef(initialView);
  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const deck = new Deck({
      parent: element,
      views: MAP_VIEW,
      viewState: start.current(),
      controller: false,
      deviceProps: mapDeviceProps(false),
      layers: createBasemapLayers(basemap),
      style: { pointerEvents: 'none' },
    });
    camera.current = { follow: (view) => deck.setProps({ viewState: view }) };
    return () => {
      camera.current = null;
      deck.finalize();
    };
  }, [basemap, camera]);
  // inert: deck.gl puts its own elements in here, and none of them may take focus or be read out.
  return (
    <div ref={container} className="map-basemap" data-testid="shipped-basemap" aria-hidden="true" inert />
  );
}
