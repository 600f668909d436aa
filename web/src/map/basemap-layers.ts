import { GeoJsonLayer, TextLayer } from '@deck.gl/layers';
import type { Basemap } from '../data/basemap';
import type { BasemapFeature, Position } from './basemap-types';
import { MAP_CHARACTERS, MAP_COLOURS, MAP_FONT } from './theme';

/**
 * Amsterdam drawn from our own polygons: land on a water background (the canvas's CSS), area
 * (gebieden) outlines, district (stadsdelen) outlines and names. Static: built once per load.
 */
export function createBasemapLayers(basemap: Basemap) {
  const labelled = basemap.districts.features.filter(
    (feature): feature is BasemapFeature & { properties: { label: Position } } => !!feature.properties.label,
  );
  return [
    new GeoJsonLayer({
      id: 'basemap-land',
      data: basemap.land,
      filled: true,
      stroked: false,
      getFillColor: MAP_COLOURS.land,
    }),
    new GeoJsonLayer({
      id: 'basemap-areas',
      data: basemap.areas,
      filled: false,
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineWidth: 1,
      getLineColor: MAP_COLOURS.areaLine,
    }),
    new GeoJsonLayer({
      id: 'basemap-districts',
      data: basemap.districts,
      filled: false,
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineWidth: 2,
      getLineColor: (feature) =>
        feature.properties?.neighbour ? MAP_COLOURS.neighbourLine : MAP_COLOURS.districtLine,
    }),
    new TextLayer<BasemapFeature & { properties: { label: Position } }>({
      id: 'basemap-district-names',
      data: labelled,
      getPosition: (feature) => feature.properties.label,
      getText: (feature) => feature.properties.name.toUpperCase(),
      getColor: (feature) =>
        feature.properties.neighbour ? MAP_COLOURS.neighbourName : MAP_COLOURS.districtName,
      getSize: 15,
      fontFamily: MAP_FONT,
      fontWeight: 700,
      characterSet: MAP_CHARACTERS,
    }),
  ];
}
