import { type Asset, type Channel, StatusCode } from '@city/domain';
import { describe, expect, it } from 'vitest';
import type { Catalog } from '../../data/catalog';
import { MAP_LAYERS, mapLayer } from './registry';
import type { ReadContext } from './types';

const NOW = 1_800_000_000_000;
const segment: Asset = {
  id: 'sl-rokin-1',
  kind: 'street-light-segment',
  layer: 'lighting',
  name: 'Rokin (Dam - Langebrugsteeg)',
  district: 'Centrum',
  geometry: {
    type: 'LineString',
    coordinates: [
      [4.8926, 52.3722],
      [4.8928, 52.3697],
    ],
  },
  properties: {},
};
const channel = (metric: string, unit: string, displayRange: [number, number]): Channel => ({
  id: `sl-rokin-1/${metric}`,
  assetId: 'sl-rokin-1',
  metric,
  name: metric,
  unit,
  displayRange,
  writable: false,
  source: null,
});
const channels = [channel('dim-level', '%', [0, 100]), channel('failed-lamps', '', [0, 50])];
const catalog: Catalog = {
  assets: [segment],
  channels,
  assetById: new Map([[segment.id, segment]]),
  channelById: new Map(channels.map((c) => [c.id, c])),
  channelsByAsset: new Map([[segment.id, channels]]),
};
const context = (dim: number, failed: number): ReadContext => ({
  now: NOW,
  format: (value, decimals) => value.toFixed(decimals),
  gateways: new Map(),
  values: new Map(
    [
      ['sl-rokin-1/dim-level', dim],
      ['sl-rokin-1/failed-lamps', failed],
    ].map(([id, value]) => [
      id as string,
      {
        channelId: id as string,
        value: value as number,
        statusCode: StatusCode.Good,
        sourceTime: NOW - 1_000,
        serverTime: NOW,
      },
    ]),
  ),
});

describe('the layer registry', () => {
  it('lists the five layers once each, in drawing order, each with a legend', () => {
    expect(MAP_LAYERS.map((layer) => layer.id)).toEqual(['lighting', 'traffic', 'sewer', 'air', 'cabinets']);
    for (const layer of MAP_LAYERS) expect(layer.legend.length).toBeGreaterThan(0);
  });

  it('reads a lit street by its dim level, abnormal only when lamps have failed', () => {
    const lighting = mapLayer('lighting');
    const [feature] = lighting.featuresOf({ catalog, gateways: [] });
    if (!feature) throw new Error('no lighting feature');
    expect(feature.path).toHaveLength(2);
    expect(lighting.readoutOf(feature, context(40, 0))).toMatchObject({
      text: '40.0\u00a0%',
      emphasis: 'normal',
      quality: 'good',
    });
    expect(lighting.readoutOf(feature, context(40, 2)).emphasis).toBe('abnormal');
  });
});
