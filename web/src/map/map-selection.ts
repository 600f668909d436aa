import { type Layer, LayerSchema } from '@city/domain';
import type { TelemetrySelection } from '../shared/contract';
import { MAP_LAYERS } from './layers/registry';
import type { MapFeature, MapLayerId } from './layers/types';

/** What the operator chose to see: which map layers, and one district or the whole city. */
export interface MapSelection {
  layers: ReadonlySet<MapLayerId>;
  district: string | null;
}

export const ALL_LAYERS_SHOWN: MapSelection = {
  layers: new Set(MAP_LAYERS.map((layer) => layer.id)),
  district: null,
};

/**
 * What the socket must deliver for the selection, so the stream carries what the map and the panel
 * show and nothing else: the telemetry layers behind the shown map layers, in the chosen district.
 * A list that would name everything is left out (the server reads "none named" as all).
 */
export function watchOf(selection: MapSelection): TelemetrySelection {
  const wanted = new Set<Layer>(
    MAP_LAYERS.filter((layer) => selection.layers.has(layer.id)).flatMap((layer) => layer.telemetry),
  );
  const everyLayer = LayerSchema.options.every((layer) => wanted.has(layer));
  return {
    ...(everyLayer ? {} : { layers: LayerSchema.options.filter((layer) => wanted.has(layer)) }),
    ...(selection.district ? { districts: [selection.district] } : {}),
  };
}

export const inDistrict = (district: string | null) => (feature: Pick<MapFeature, 'district'>) =>
  district === null || feature.district === district;

export function toggled(selection: MapSelection, layer: MapLayerId, shown: boolean): MapSelection {
  const layers = new Set(selection.layers);
  if (shown) layers.add(layer);
  else layers.delete(layer);
  return { ...selection, layers };
}
