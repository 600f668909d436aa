import { IconLayer, PathLayer } from '@deck.gl/layers';
import { assetFeatures, channelReadout, numberOf } from '../../features';
import { outlineOf } from '../../marks';
import { MAP_COLOURS, withAlpha } from '../../theme';
import { iconProps } from '../icon-props';
import type { MapFeature, MapLayerDefinition, ReadContext } from '../types';
import { dimGrey } from './dim-grey';

const failedLamps = (feature: MapFeature, context: ReadContext) =>
  numberOf(feature, 'failed-lamps', context) ?? 0;

/** Street lighting: each segment grey by its dim level; a segment with failed lamps gets a bright ✕. */
export const lightingLayer: MapLayerDefinition = {
  id: 'lighting',
  titleKey: 'lighting',
  telemetry: ['lighting'],
  legendUnitKey: 'dimLevel',
  legend: [
    { key: 'lighting.dimmed', swatch: { kind: 'line', emphasis: 'low' } },
    { key: 'lighting.full', swatch: { kind: 'line', emphasis: 'high' } },
    { key: 'lighting.failed', swatch: { kind: 'glyph', glyph: '✕', emphasis: 'abnormal' } },
  ],
  panelColumns: [{ metric: 'dim-level' }, { metric: 'failed-lamps' }, { metric: 'power' }],
  panelAssets: (catalog) =>
    catalog.assets.filter((asset) => asset.layer === 'lighting' && asset.kind !== 'field-cabinet'),
  featuresOf: ({ catalog }) =>
    assetFeatures(catalog, 'lighting', (asset) => asset.kind === 'street-light-segment'),
  mainMetric: () => 'dim-level',
  readoutOf: (feature, context) =>
    channelReadout(feature, 'dim-level', context, () =>
      failedLamps(feature, context) > 0 ? 'abnormal' : 'normal',
    ),
  createLayers: (features, context) => {
    const { readout, version, icons } = context;
    return [
      new PathLayer<MapFeature>({
        id: 'lighting-segments',
        data: features,
        getPath: (feature) => feature.path ?? [feature.position, feature.position],
        widthUnits: 'pixels',
        getWidth: 6,
        capRounded: true,
        getColor: (feature) => {
          const { value, quality } = readout(feature);
          if (value === null || quality !== 'good') return outlineOf('normal', quality);
          return withAlpha(dimGrey(value, MAP_COLOURS.normalLow, MAP_COLOURS.normalHigh), 255);
        },
        pickable: true,
        updateTriggers: { getColor: version },
      }),
      new IconLayer<MapFeature>({
        ...iconProps(icons),
        id: 'lighting-failed-lamps',
        data: features,
        getPosition: (feature) => feature.position,
        getIcon: () => 'cross',
        getSize: 22,
        getColor: (feature) => withAlpha(MAP_COLOURS.abnormal, failedLamps(feature, context) > 0 ? 255 : 0),
        updateTriggers: { getColor: version },
      }),
    ];
  },
};
