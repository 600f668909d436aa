'use client';
import DeckGL from '@deck.gl/react';
import { useMemo } from 'react';
import type { ControlRoomState } from '../data/control-room-store';
import { useBasemap } from '../data/use-control-room';
import { createBasemapLayers } from './basemap-layers';
import { airSensors, createAirLayers } from './layers/air/air-layers';
import { createTrafficLayers, trafficSensors } from './layers/traffic/traffic-layers';
import { MapAttribution } from './MapAttribution';
import { MapLegend } from './MapLegend';
import { MAP_COLOURS } from './theme';
import { INITIAL_VIEW_STATE, MAP_VIEW } from './view';

/**
 * The city map: our own base map plus one group of layers per map layer. Static layers and the
 * sensor lists are memoised by identity; a telemetry frame only bumps `valuesVersion`, which
 * recomputes colours and labels, not positions.
 */
export default function ControlRoomMap({ state }: { state: ControlRoomState }) {
  const basemap = useBasemap();
  const basemapLayers = useMemo(() => (basemap ? createBasemapLayers(basemap) : []), [basemap]);
  const { catalog, values, valuesVersion } = state;
  const air = useMemo(() => (catalog ? airSensors(catalog) : []), [catalog]);
  const traffic = useMemo(() => (catalog ? trafficSensors(catalog) : []), [catalog]);

  const groups = [
    createTrafficLayers(traffic, values, valuesVersion),
    createAirLayers(air, values, valuesVersion),
  ];
  // All dots first, then names, then value chips: a number is never hidden under a neighbour's dot.
  const layers = [
    ...basemapLayers,
    ...groups.map((group) => group.dots),
    ...groups.map((group) => group.names),
    ...groups.map((group) => group.values),
  ];

  return (
    <div className="map" style={{ background: MAP_COLOURS.water }} data-testid="city-map">
      <DeckGL views={MAP_VIEW} initialViewState={INITIAL_VIEW_STATE} controller layers={layers} />
      <MapLegend />
      <MapAttribution />
    </div>
  );
}
