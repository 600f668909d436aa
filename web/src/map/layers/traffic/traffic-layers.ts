import type { LatestValue } from '@city/domain';
import type { Catalog } from '../../../data/control-room-store';
import { bandOf } from '../../colour-bands';
import { createPointSensorLayers, type Sensor, sensorsOf } from '../../sensor-layers';
import { freeFlowKmhOf, SPEED_RATIO_BANDS, TRAFFIC_COLOUR_METRIC } from './speed-bands';

/** Loop detectors, coloured by speed relative to the road's free-flow speed. */
export function trafficSensors(catalog: Catalog): Sensor[] {
  return sensorsOf(catalog, 'traffic', TRAFFIC_COLOUR_METRIC);
}

export function createTrafficLayers(
  sensors: Sensor[],
  values: ReadonlyMap<string, LatestValue>,
  valuesVersion: number,
) {
  return createPointSensorLayers({
    id: 'traffic',
    sensors,
    values,
    valuesVersion,
    valuePlacement: 'below',
    colourOf: (sensor, speed) =>
      bandOf(SPEED_RATIO_BANDS, speed / freeFlowKmhOf(sensor.asset.properties)).colour,
  });
}
