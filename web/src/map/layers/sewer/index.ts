import { IconLayer, ScatterplotLayer } from '@deck.gl/layers';
import { assetFeatures, channelReadout } from '../../features';
import { gaugeFillIcon } from '../../icon-atlas';
import { EMPHASIS_COLOURS, fillOf, outlineOf } from '../../marks';
import { MAP_COLOURS, withAlpha } from '../../theme';
import { derivedFrom } from '../derive';
import { iconProps } from '../icon-props';
import type { DrawContext, MapFeature, MapLayerDefinition } from '../types';
import { isStationAbnormal, type PumpState, stationStateOf } from './station-state';

const isStation = (feature: MapFeature) => feature.asset?.kind === 'pumping-station';

interface Pump {
  station: MapFeature;
  index: 0 | 1;
}

const PUMP_ICONS: Record<PumpState, string> = {
  running: 'pump-on',
  stopped: 'pump-off',
  fault: 'cross',
  unknown: 'pump-off',
};

/** A pumping station: a wet-well gauge (grey fill, bright frame when high), its two pumps, and a wave when it overflows. */
function stationLayers(stations: MapFeature[], pumps: Pump[], context: DrawContext) {
  const { readout, version, icons } = context;
  const state = (feature: MapFeature) => stationStateOf(feature, context);
  const abnormal = (feature: MapFeature) => isStationAbnormal(state(feature));
  return [
    new IconLayer<MapFeature>({
      ...iconProps(icons),
      id: 'sewer-gauge-fill',
      data: stations,
      getPosition: (feature) => feature.position,
      getIcon: (feature) => gaugeFillIcon(state(feature).fill ?? 0),
      getSize: 40,
      getColor: (feature) => fillOf(abnormal(feature) ? 'abnormal' : 'normal', readout(feature).quality),
      updateTriggers: { getIcon: version, getColor: version },
    }),
    new IconLayer<MapFeature>({
      ...iconProps(icons),
      id: 'sewer-gauge-frame',
      data: stations,
      getPosition: (feature) => feature.position,
      getIcon: () => 'gauge-frame',
      getSize: 40,
      getColor: (feature) => {
        const { quality } = readout(feature);
        return quality === 'good'
          ? withAlpha(EMPHASIS_COLOURS[abnormal(feature) ? 'abnormal' : 'low'], 255)
          : outlineOf('normal', quality);
      },
      pickable: true,
      updateTriggers: { getColor: version },
    }),
    new IconLayer<Pump>({
      ...iconProps(icons),
      id: 'sewer-pumps',
      data: pumps,
      getPosition: (pump) => pump.station.position,
      getPixelOffset: (pump) => [22, pump.index === 0 ? -9 : 9],
      getIcon: (pump) => PUMP_ICONS[state(pump.station).pumps[pump.index]],
      getSize: 18,
      getColor: (pump) => {
        const pumpState = state(pump.station).pumps[pump.index];
        if (pumpState === 'unknown') return withAlpha(MAP_COLOURS.bad, 160);
        return withAlpha(EMPHASIS_COLOURS[pumpState === 'fault' ? 'abnormal' : 'normal'], 255);
      },
      updateTriggers: { getIcon: version, getColor: version },
    }),
    new IconLayer<MapFeature>({
      ...iconProps(icons),
      id: 'sewer-overflow',
      data: stations,
      getPosition: (feature) => feature.position,
      getPixelOffset: [0, -32],
      getIcon: () => 'wave',
      getSize: 24,
      getColor: (feature) => withAlpha(MAP_COLOURS.abnormal, state(feature).overflow ? 255 : 0),
      updateTriggers: { getColor: version },
    }),
  ];
}

interface SewerParts {
  stations: MapFeature[];
  pumps: Pump[];
  gauges: MapFeature[];
}

const parts = new WeakMap<readonly MapFeature[], SewerParts>();

function splitSewer(features: readonly MapFeature[]): SewerParts {
  const stations = features.filter(isStation);
  return {
    stations,
    pumps: stations.flatMap((station): Pump[] => [
      { station, index: 0 },
      { station, index: 1 },
    ]),
    gauges: features.filter((feature) => !isStation(feature)),
  };
}

/** Sewer: pumping stations with their gauges; rain gauges as small grey dots. */
export const sewerLayer: MapLayerDefinition = {
  id: 'sewer',
  titleKey: 'sewer',
  telemetry: ['sewer'],
  legendUnitKey: 'wetWell',
  legend: [
    { key: 'sewer.normal', swatch: { kind: 'glyph', glyph: 'gauge', emphasis: 'normal' } },
    { key: 'sewer.high', swatch: { kind: 'glyph', glyph: 'gauge', emphasis: 'abnormal' } },
    { key: 'sewer.pumpRunning', swatch: { kind: 'glyph', glyph: '●', emphasis: 'normal' } },
    { key: 'sewer.pumpStopped', swatch: { kind: 'glyph', glyph: '○', emphasis: 'normal' } },
    { key: 'sewer.pumpFault', swatch: { kind: 'glyph', glyph: '✕', emphasis: 'abnormal' } },
    { key: 'sewer.overflow', swatch: { kind: 'glyph', glyph: '≈', emphasis: 'abnormal' } },
  ],
  panelColumns: [{ metric: 'level' }, { metric: 'inflow' }, { metric: 'outflow' }, { metric: 'intensity' }],
  panelAssets: (catalog) =>
    catalog.assets.filter((asset) => asset.layer === 'sewer' && asset.kind !== 'field-cabinet'),
  featuresOf: ({ catalog }) =>
    assetFeatures(
      catalog,
      'sewer',
      (asset) => asset.kind === 'pumping-station' || asset.kind === 'rain-gauge',
    ),
  mainMetric: (feature) => (isStation(feature) ? 'level' : 'intensity'),
  readoutOf: (feature, context) => {
    if (!isStation(feature)) return channelReadout(feature, 'intensity', context, () => 'low');
    const abnormal = isStationAbnormal(stationStateOf(feature, context));
    return channelReadout(feature, 'level', context, () => (abnormal ? 'abnormal' : 'normal'));
  },
  createLayers: (features, context) => {
    const { stations, pumps, gauges } = derivedFrom(parts, features, splitSewer);
    const { readout, version } = context;
    return [
      new ScatterplotLayer<MapFeature>({
        id: 'sewer-rain-gauges',
        data: gauges,
        getPosition: (feature) => feature.position,
        radiusUnits: 'pixels',
        getRadius: 6,
        stroked: true,
        lineWidthUnits: 'pixels',
        getLineWidth: 2,
        getFillColor: (feature) => fillOf('low', readout(feature).quality),
        getLineColor: (feature) => outlineOf('low', readout(feature).quality),
        pickable: true,
        updateTriggers: { getFillColor: version, getLineColor: version },
      }),
      ...stationLayers(stations, pumps, context),
    ];
  },
};
