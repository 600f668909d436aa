import type { Asset, Channel } from '@city/domain';
import type { Catalog } from '../data/catalog';
import { MAP_LAYERS } from './layers/registry';
import type { MapLayerDefinition, MapLayerId } from './layers/types';
import type { MapSelection } from './map-selection';

export interface PanelColumnOf {
  metric: string;
  unit: string;
}

export type PanelRow =
  | { kind: 'section'; layer: MapLayerId; count: number; columns: PanelColumnOf[] }
  | {
      kind: 'asset';
      layer: MapLayerId;
      asset: Asset;
      channels: ReadonlyMap<string, Channel>;
      columns: PanelColumnOf[];
    };

/**
 * The side panel lists the top of the map first (air and sewer above traffic and lighting); the
 * cabinets' supply meters, which operators compare least, come last.
 */
const PANEL_ORDER: readonly MapLayerDefinition[] = [
  ...[...MAP_LAYERS].reverse().filter((layer) => layer.id !== 'cabinets'),
  ...MAP_LAYERS.filter((layer) => layer.id === 'cabinets'),
];

/** The layer's columns that some listed asset has, with the unit from its channel. */
function columnsOf(layer: MapLayerDefinition, assets: Asset[], catalog: Catalog): PanelColumnOf[] {
  return layer.panelColumns.flatMap(({ metric }) => {
    for (const asset of assets) {
      const channel = catalog.channelsByAsset.get(asset.id)?.find((candidate) => candidate.metric === metric);
      if (channel) return [{ metric, unit: channel.unit }];
    }
    return [];
  });
}

/**
 * What the side panel lists for the selection, as one flat list for the virtual scroller: for each
 * shown layer with assets in the chosen district, a heading, then a row per asset.
 */
export function panelRows(catalog: Catalog, selection: MapSelection): PanelRow[] {
  return PANEL_ORDER.filter((layer) => selection.layers.has(layer.id)).flatMap((layer): PanelRow[] => {
    const assets = layer
      .panelAssets(catalog)
      .filter((asset) => selection.district === null || asset.district === selection.district);
    if (assets.length === 0) return [];
    const columns = columnsOf(layer, assets, catalog);
    return [
      { kind: 'section', layer: layer.id, count: assets.length, columns },
      ...assets.map(
        (asset): PanelRow => ({
          kind: 'asset',
          layer: layer.id,
          asset,
          columns,
          channels: new Map(
            (catalog.channelsByAsset.get(asset.id) ?? []).map((channel) => [channel.metric, channel]),
          ),
        }),
      ),
    ];
  });
}
