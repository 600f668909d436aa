import type { Asset, Channel } from '@city/domain';
import { describe, expect, it } from 'vitest';
import type { Catalog } from '../data/catalog';
import { ALL_LAYERS_SHOWN, toggled } from './map-selection';
import { panelRows } from './panel-rows';

const asset = (id: string, layer: Asset['layer'], kind: Asset['kind'], district: string): Asset => ({
  id,
  layer,
  kind,
  name: id,
  district,
  geometry: { type: 'Point', coordinates: [4.9, 52.37] },
  properties: {},
});
const channel = (assetId: string, metric: string, unit: string): Channel => ({
  id: `${assetId}/${metric}`,
  assetId,
  metric,
  name: metric,
  unit,
  displayRange: [0, 100],
  writable: false,
  source: null,
});

/** As useCatalog indexes the map.assets answer (data/catalog.ts, which a node test cannot load for its JSX neighbours). */
function indexCatalog({ assets, channels }: { assets: Asset[]; channels: Channel[] }): Catalog {
  const channelsByAsset = new Map<string, Channel[]>();
  for (const c of channels) channelsByAsset.set(c.assetId, [...(channelsByAsset.get(c.assetId) ?? []), c]);
  return {
    assets,
    channels,
    assetById: new Map(assets.map((a) => [a.id, a])),
    channelById: new Map(channels.map((c) => [c.id, c])),
    channelsByAsset,
  };
}

const catalog = indexCatalog({
  assets: [
    asset('aq-vondelpark', 'air', 'air-quality-station', 'Zuid'),
    asset('aq-oude-schans', 'air', 'air-quality-station', 'Centrum'),
    asset('ps-buiksloterham', 'sewer', 'pumping-station', 'Noord'),
    asset('loop-a10-zuid', 'traffic', 'loop-detector', 'Zuid'),
  ],
  channels: [
    channel('aq-vondelpark', 'no2', 'µg/m³'),
    channel('aq-vondelpark', 'pm10', 'µg/m³'),
    channel('ps-buiksloterham', 'level', 'm'),
    channel('loop-a10-zuid', 'speed', 'km/h'),
  ],
});

describe('the side panel lists what the map shows', () => {
  it('lists every shown layer with its assets, air first, with the columns some asset has', () => {
    const rows = panelRows(catalog, ALL_LAYERS_SHOWN);
    const sections = rows.filter((row) => row.kind === 'section');
    expect(sections.map((row) => [row.layer, row.count])).toEqual([
      ['air', 2],
      ['sewer', 1],
      ['traffic', 1],
    ]);
    expect(sections[0]?.columns).toEqual([
      { metric: 'no2', unit: 'µg/m³' },
      { metric: 'pm10', unit: 'µg/m³' },
    ]);
  });

  it('narrows to the chosen district and leaves hidden layers out', () => {
    const rows = panelRows(catalog, { ...toggled(ALL_LAYERS_SHOWN, 'traffic', false), district: 'Zuid' });
    expect(rows.map((row) => (row.kind === 'asset' ? row.asset.id : `# ${row.layer}`))).toEqual([
      '# air',
      'aq-vondelpark',
    ]);
  });
});
