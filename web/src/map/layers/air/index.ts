import { bandOf } from '../../colour-bands';
import { assetFeatures, channelReadout } from '../../features';
import { stateWeightOf } from '../../live-readouts';
import { fillOf, outlineOf } from '../../marks';
import { derivedFrom } from '../derive';
import { PointBuffers, PointMarksLayer, type PointStyle } from '../point-marks';
import type { FeatureReadout, MapFeature, MapLayerDefinition } from '../types';
import { AIR_COLOUR_METRIC, NO2_BANDS } from './no2-bands';

const pointBuffers = new WeakMap<readonly MapFeature[], PointBuffers>();
const styles = new Map<string, PointStyle>();

/** A normal station's mark at full size: radius and outline width in pixels. */
const NORMAL_MARK = { radius: 9, lineWidth: 2 };

/**
 * A station's mark: bigger, brighter and with a thicker outline when abnormal; one object per look.
 * Where marks crowd, the one of the most wrong station shows (the label's placement order).
 */
function stationStyleOf(readout: FeatureReadout): PointStyle {
  const { emphasis, quality } = readout;
  const key = `${emphasis}:${quality}`;
  let style = styles.get(key);
  if (!style) {
    const abnormal = emphasis === 'abnormal';
    style = {
      radius: abnormal ? 14 : NORMAL_MARK.radius,
      lineWidth: abnormal ? 4 : NORMAL_MARK.lineWidth,
      fill: fillOf(emphasis, quality),
      line: outlineOf(emphasis, quality),
      rank: stateWeightOf(readout),
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
        data: buffers.dataFor(version, (feature) => stationStyleOf(readout(feature)), {
          zoom: zoomStep,
          diameterPx: 2 * NORMAL_MARK.radius + NORMAL_MARK.lineWidth,
        }),
        featureAt: buffers.featureAt,
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
