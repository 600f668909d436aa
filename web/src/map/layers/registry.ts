import { airLayer } from './air';
import { cabinetsLayer } from './cabinets';
import { lightingLayer } from './lighting';
import { sewerLayer } from './sewer';
import { trafficLayer } from './traffic';
import type { MapLayerDefinition, MapLayerId } from './types';

/**
 * Every map layer, in drawing order (bottom first): the map, the legend, the layer toggles and the
 * side panel all read this list, so a new layer is one folder and one line here.
 */
export const MAP_LAYERS: readonly MapLayerDefinition[] = [
  lightingLayer,
  trafficLayer,
  sewerLayer,
  airLayer,
  cabinetsLayer,
];

export function mapLayer(id: MapLayerId): MapLayerDefinition {
  const layer = MAP_LAYERS.find((candidate) => candidate.id === id);
  if (!layer) throw new Error(`no map layer "${id}" in the registry`);
  return layer;
}
