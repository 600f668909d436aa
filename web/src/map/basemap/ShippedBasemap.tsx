'use client';
import { Deck, type MapViewState } from '@deck.gl/core';
import { type RefObject, useEffect, useRef } from 'react';
import type { Basemap } from '../../data/basemap';
import { createBasemapLayers } from '../basemap-layers';
import { mapDeviceProps, presizeCanvas } from '../render-quality';
import { MAP_VIEW } from '../view';
import type { BasemapCamera } from './StyleBasemap';

/**
 * The shipped base map (land, areas, districts and their names) in a canvas of its own under the live
 * layers. It takes no input and redraws only when the camera moves or the live labels are placed anew
 * (a district name they cover is left out): on a software renderer its outlines cost as much as a
 * third of a live frame, and a new value never changes them.
 */
export function ShippedBasemap({
  basemap,
  camera,
  initialView,
  hiddenNames,
}: {
  basemap: Basemap;
  camera: RefObject<BasemapCamera | null>;
  initialView: () => MapViewState;
  /** District names a live label covers, left out (sorted, so equal lists mean equal maps). */
  hiddenNames: readonly string[];
}) {
  const container = useRef<HTMLDivElement>(null);
  const relabel = useRef<((names: readonly string[]) => void) | null>(null);
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
      style: { pointerEvents: 'none' },
    });
    presizeCanvas(element.querySelector('canvas'), element);
    relabel.current = (names) => deck.setProps({ layers: createBasemapLayers(basemap, names) });
    camera.current = { follow: (view) => deck.setProps({ viewState: view }) };
    return () => {
      camera.current = null;
      relabel.current = null;
      deck.finalize();
    };
  }, [basemap, camera]);
  // The layers, set once the deck exists (it is made without them, so nothing is built twice) and again
  // for each new placement of the live labels: the same polygons (deck.gl keeps their buffers), other
  // names. Keyed on the names, not the list, which is a new array at every placement.
  const hiddenKey = hiddenNames.join('\n');
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new base map is a new deck, which needs its layers
  useEffect(() => {
    relabel.current?.(hiddenKey ? hiddenKey.split('\n') : []);
  }, [basemap, hiddenKey]);
  // inert: deck.gl puts its own elements in here, and none of them may take focus or be read out.
  return (
    <div ref={container} className="map-basemap" data-testid="shipped-basemap" aria-hidden="true" inert />
  );
}
