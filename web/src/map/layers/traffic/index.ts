import { PathStyleExtension, type PathStyleExtensionProps } from '@deck.gl/extensions';
import { PathLayer } from '@deck.gl/layers';
import { bandOf } from '../../colour-bands';
import { assetFeatures, channelReadout, numberOf } from '../../features';
import { fillOf, outlineOf } from '../../marks';
import type { MapFeature, MapLayerDefinition } from '../types';
import { roadCentres, roadStretch } from './road-stretch';
import { freeFlowKmhOf, SPEED_RATIO_BANDS, TRAFFIC_COLOUR_METRIC, widthOfFlow } from './speed-bands';

const roadOf = (feature: MapFeature): string | null => {
  const road = feature.asset?.properties.road;
  return typeof road === 'string' ? road : null;
};

/** Road stretches at the loop detectors: grey by speed against free flow, wide by flow; congestion bright and dashed. */
export const trafficLayer: MapLayerDefinition = {
  id: 'traffic',
  titleKey: 'traffic',
  telemetry: ['traffic'],
  legendUnitKey: 'speedRatio',
  legend: SPEED_RATIO_BANDS.map((band) => ({
    key: `speed.${band.key}`,
    swatch: { kind: 'line', emphasis: band.emphasis, dashed: band.emphasis === 'abnormal' },
  })),
  panelColumns: [{ metric: 'speed' }, { metric: 'flow' }, { metric: 'occupancy' }],
  panelAssets: (catalog) => catalog.assets.filter((asset) => asset.layer === 'traffic'),
  featuresOf: ({ catalog }) => {
    const features = assetFeatures(catalog, 'traffic', (asset) => asset.kind === 'loop-detector');
    const centres = roadCentres(
      features.map((feature) => ({ road: roadOf(feature), position: feature.position })),
    );
    return features.map((feature) => ({
      ...feature,
      path: feature.path ?? roadStretch(feature.position, centres.get(roadOf(feature) ?? '') ?? null),
    }));
  },
  mainMetric: () => TRAFFIC_COLOUR_METRIC,
  readoutOf: (feature, context) =>
    channelReadout(feature, TRAFFIC_COLOUR_METRIC, context, (speed) => {
      const freeFlow = freeFlowKmhOf(feature.asset?.properties ?? {});
      return bandOf(SPEED_RATIO_BANDS, speed / freeFlow).emphasis;
    }),
  createLayers: (features, context) => {
    const { readout, version } = context;
    const width = (feature: MapFeature) => widthOfFlow(numberOf(feature, 'flow', context));
    const common = {
      data: features,
      getPath: (feature: MapFeature) => feature.path ?? [feature.position, feature.position],
      widthUnits: 'pixels' as const,
      capRounded: true,
    };
    return [
      // A dark casing first, so a stretch reads on land and water alike, and a hollow one shows its tint.
      new PathLayer<MapFeature>({
        ...common,
        id: 'traffic-casing',
        getWidth: (feature) => width(feature) + 4,
        getColor: (feature) => {
          const { emphasis, quality } = readout(feature);
          return outlineOf(emphasis === 'abnormal' ? 'normal' : emphasis, quality);
        },
        updateTriggers: { getWidth: version, getColor: version },
      }),
      new PathLayer<MapFeature, PathStyleExtensionProps<MapFeature>>({
        ...common,
        id: 'traffic-stretches',
        getWidth: width,
        getColor: (feature) => {
          const { emphasis, quality } = readout(feature);
          return fillOf(emphasis, quality);
        },
        // Congestion is dashed as well as bright: it reads on a grey-scale print and to anyone.
        getDashArray: (feature) => (readout(feature).emphasis === 'abnormal' ? [2, 1] : [0, 0]),
        dashJustified: true,
        extensions: [new PathStyleExtension({ dash: true })],
        pickable: true,
        updateTriggers: { getWidth: version, getColor: version, getDashArray: version },
      }),
    ];
  },
};
