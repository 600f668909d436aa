import { GeoJsonLayer, TextLayer } from '@deck.gl/layers';
import type { Basemap } from '../data/basemap';
import type { BasemapFeature, Position } from './basemap-types';
import { DISTRICT_NAME_STYLE, districtNameText } from './labels/district-names';
import { MAP_CHARACTERS, MAP_COLOURS, MAP_FONT, mapFontSettings } from './theme';

/**
 * Amsterdam drawn from our own polygons: land on a water background (the canvas's CSS), area
 * (gebieden) outlines, district (stadsdelen) outlines and names, but for the names in `hiddenNames`
 * (those a live label covers). Static between placements of the live labels.
 */
export function createBasemapLayers(basemap: Basemap, hiddenNames: readonly string[] = []) {
  const labelled = basemap.districts.features.filter(
    (feature): feature is BasemapFeature & { properties: { label: Position } } =>
      !!feature.properties.label && !hiddenNames.includes(feature.properties.name),
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
      getText: districtNameText,
      getColor: (feature) =>
        feature.properties.neighbour ? MAP_COLOURS.neighbourName : MAP_COLOURS.districtName,
      getSize: DISTRICT_NAME_STYLE.size,
      fontFamily: MAP_FONT,
      fontWeight: DISTRICT_NAME_STYLE.weight,
      characterSet: MAP_CHARACTERS,
      fontSettings: mapFontSettings(),
    }),
  ];
}
