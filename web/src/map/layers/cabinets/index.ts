import type { Asset, Channel, GatewayStatus } from '@city/domain';
import { IconLayer } from '@deck.gl/layers';
import type { Catalog } from '../../../data/catalog';
import type { Position } from '../../basemap-types';
import { anchorOf } from '../../features';
import { EMPHASIS_COLOURS, outlineOf } from '../../marks';
import { withAlpha } from '../../theme';
import { iconProps } from '../icon-props';
import type { FeatureReadout, MapFeature, MapLayerDefinition, ReadContext } from '../types';
import { type CommsStatus, commsStatusOf } from './comms-status';

/** A cabinet is drawn where its assets are (their mean position), its symbol set off to one side. */
function cabinetOf(gateway: GatewayStatus, catalog: Catalog): MapFeature | null {
  const channels = catalog.channels.filter((channel) => channel.source?.gatewayId === gateway.id);
  const assets = [...new Set(channels.map((channel) => channel.assetId))]
    .map((id) => catalog.assetById.get(id))
    .filter((asset): asset is Asset => asset !== undefined);
  if (assets.length === 0) return null;
  const anchors = assets.map(anchorOf);
  const position: Position = [
    anchors.reduce((sum, [lon]) => sum + lon, 0) / anchors.length,
    anchors.reduce((sum, [, lat]) => sum + lat, 0) / anchors.length,
  ];
  return {
    id: gateway.id,
    layer: 'cabinets',
    name: gateway.name,
    district: assets[0]?.district ?? null,
    position,
    path: null,
    asset: null,
    channels: new Map(channels.map((channel): [string, Channel] => [channel.id, channel])),
  };
}

export function commsOf(feature: MapFeature, context: ReadContext): CommsStatus {
  const points = [...feature.channels.keys()].map((id) => context.values.get(id));
  return commsStatusOf(context.gateways.get(feature.id), points, context.now);
}

function readoutOf(feature: MapFeature, context: ReadContext): FeatureReadout {
  const status = commsOf(feature, context);
  const gateway = context.gateways.get(feature.id);
  const base = { value: null, sourceTime: gateway?.lastSeen ?? null };
  switch (status.kind) {
    case 'ok':
      return { ...base, quality: 'good', text: '', emphasis: 'low' };
    case 'silent': {
      const seconds = Number.isFinite(status.silentForMs) ? Math.round(status.silentForMs / 1000) : null;
      return {
        ...base,
        quality: 'bad',
        text: seconds === null ? '—' : `${context.format(seconds, 0)}\u00a0s`,
        emphasis: 'abnormal',
      };
    }
    case 'buffering':
      return {
        ...base,
        quality: 'good',
        text: `${context.format(status.waiting, 0)}\u00a0⧗`,
        emphasis: 'abnormal',
      };
    case 'devices-silent':
      return { ...base, quality: 'good', text: `${status.silent}/${status.points}`, emphasis: 'abnormal' };
  }
}

/** Field cabinets by their gateway's communications: grey when fine, bright with a count or age when not. */
export const cabinetsLayer: MapLayerDefinition = {
  id: 'cabinets',
  titleKey: 'cabinets',
  // The cabinets' own supply meters report in the sewer and lighting layers.
  telemetry: ['sewer', 'lighting'],
  legendUnitKey: 'comms',
  legend: [
    { key: 'cabinets.ok', swatch: { kind: 'glyph', glyph: 'cabinet', emphasis: 'low' } },
    { key: 'cabinets.devicesSilent', swatch: { kind: 'glyph', glyph: 'cabinet', emphasis: 'abnormal' } },
    { key: 'cabinets.silent', swatch: { kind: 'glyph', glyph: '✕', emphasis: 'abnormal' } },
  ],
  panelColumns: [{ metric: 'voltage-average' }, { metric: 'power' }, { metric: 'energy-import' }],
  panelAssets: (catalog) => catalog.assets.filter((asset) => asset.kind === 'field-cabinet'),
  featuresOf: ({ catalog, gateways }) =>
    gateways
      .map((gateway) => cabinetOf(gateway, catalog))
      .filter((feature): feature is MapFeature => feature !== null),
  mainMetric: () => null,
  readoutOf,
  createLayers: (features, { readout, version, icons }) => [
    new IconLayer<MapFeature>({
      ...iconProps(icons),
      id: 'cabinets-symbols',
      data: features,
      getPosition: (feature) => feature.position,
      getPixelOffset: [-30, 24],
      getIcon: () => 'cabinet',
      getSize: (feature) => (readout(feature).emphasis === 'abnormal' ? 30 : 22),
      getColor: (feature) => {
        const { emphasis, quality } = readout(feature);
        return quality === 'good' ? withAlpha(EMPHASIS_COLOURS[emphasis], 255) : outlineOf(emphasis, quality);
      },
      pickable: true,
      updateTriggers: { getSize: version, getColor: version },
    }),
  ],
};
