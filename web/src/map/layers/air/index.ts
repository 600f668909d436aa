import { bandOf } from '../../colour-bands';
import { assetFeatures, channelReadout } from '../../features';
import { fillOf, outlineOf } from '../../marks';
import { derivedFrom } from '../derive';
import { PointBuffers, PointMarksLayer, type PointStyle } from '../point-marks';
import type { FeatureReadout, MapFeature, MapLayerDefinition } from '../types';
import { AIR_COLOUR_METRIC, NO2_BANDS } from './no2-bands';

const pointBuffers = new WeakMap<readonly MapFeature[], PointBuffers>();
const styles = new Map<string, PointStyle>();

/** A station's mark: bigger, brighter and with a thicker outline when abnormal; one object per look. */
function stationStyleOf({ emphasis, quality }: FeatureReadout): PointStyle {
  const key = `${emphasis}:${quality}`;
  let style = styles.get(key);
  if (!style) {
    const abnormal = emphasis === 'abnormal';
    style = {
      radius: abnormal ? 14 : 9,
      lineWidth: abnormal ? 4 : 2,
      fill: fillOf(emphasis, quality),
      line: outlineOf(emphasis, quality),
    };
    styles.set(key, style);
  }
  return style;
}

/** Air quality stations, marked by NO₂ in Luchtmeetnet's classes: grey while normal, bright from "insufficient". */
export const airLayer: MapLayerDefinition = {
  id: 'air',
  titleKey: 'air',
  telemetry: ['air'],
  legendUnitKey: 'no2',
  legend: NO2_BANDS.map((band) => ({
    key: `no2.${band.key}`,
    swatch: { kind: 'dot', emphasis: band.emphasis },
  })),
  panelColumns: [{ metric: 'no2' }, { metric: 'pm10' }, { metric: 'pm25' }],
  panelAssets: (catalog) => catalog.assets.filter((asset) => asset.layer === 'air'),
  featuresOf: ({ catalog }) => assetFeatures(catalog, 'air', (asset) => asset.kind === 'air-quality-station'),
  mainMetric: () => AIR_COLOUR_METRIC,
  readoutOf: (feature, context) =>
    channelReadout(feature, AIR_COLOUR_METRIC, context, (no2) => bandOf(NO2_BANDS, no2).emphasis),
  createLayers: (features, { readout, version, zoomStep }) => {
    const buffers = derivedFrom(pointBuffers, features, (list) => new PointBuffers(list));
    const scale = buffers.scaleAt(zoomStep);
    return [
      new PointMarksLayer({
        id: 'air-stations',
        data: buffers.dataFor(version, (feature) => stationStyleOf(readout(feature))),
        features,
        radiusUnits: 'pixels',
        radiusScale: scale,
        stroked: true,
        lineWidthUnits: 'pixels',
        lineWidthScale: scale,
        pickable: true,
      }),
    ];
  },
};
