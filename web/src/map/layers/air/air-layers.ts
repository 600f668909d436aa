import type { LatestValue } from '@city/domain';
import type { Catalog } from '../../../data/control-room-store';
import { bandOf } from '../../colour-bands';
import { createPointSensorLayers, type Sensor, sensorsOf } from '../../sensor-layers';
import { AIR_COLOUR_METRIC, NO2_BANDS } from './no2-bands';

/** Air quality stations, coloured by NO₂ in Luchtmeetnet's classes. */
export function airSensors(catalog: Catalog): Sensor[] {
  return sensorsOf(catalog, 'air', AIR_COLOUR_METRIC);
}

export function createAirLayers(
  sensors: Sensor[],
  values: ReadonlyMap<string, LatestValue>,
  valuesVersion: number,
) {
  return createPointSensorLayers({
    id: 'air',
    sensors,
    values,
    valuesVersion,
    colourOf: (_sensor, no2) => bandOf(NO2_BANDS, no2).colour,
  });
}
