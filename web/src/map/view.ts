import { MapView } from '@deck.gl/core';

/** Amsterdam inside the ring and the harbour, filling a 1350 px wide map (narrower maps zoom out: fittedZoom). */
export const INITIAL_VIEW_STATE = {
  longitude: 4.895,
  latitude: 52.356,
  zoom: 11.5,
  minZoom: 10,
  maxZoom: 17,
  pitch: 0,
  bearing: 0,
};

export const MAP_VIEW = new MapView({ id: 'city', repeat: false, controller: true });
