import { ScatterplotLayer } from '@deck.gl/layers';
import { bandOf } from '../../colour-bands';
import { assetFeatures, channelReadout } from '../../features';
import { fillOf, outlineOf } from '../../marks';
import type { MapFeature, MapLayerDefinition } from '../types';
import { AIR_COLOUR_METRIC, NO2_BANDS } from './no2-bands';

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
  createLayers: (features, { readout, version }) => [
    new ScatterplotLayer<MapFeature>({
      id: 'air-stations',
      data: features,
      getPosition: (feature) => feature.position,
      radiusUnits: 'pixels',
      getRadius: (feature) => (readout(feature).emphasis === 'abnormal' ? 14 : 9),
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineWidth: (feature) => (readout(feature).emphasis === 'abnormal' ? 4 : 2),
      getFillColor: (feature) => {
        const { emphasis, quality } = readout(feature);
        return fillOf(emphasis, quality);
      },
      getLineColor: (feature) => {
        const { emphasis, quality } = readout(feature);
        return outlineOf(emphasis, quality);
      },
      pickable: true,
      updateTriggers: {
        getRadius: version,
        getLineWidth: version,
        getFillColor: version,
        getLineColor: version,
      },
    }),
  ],
};
