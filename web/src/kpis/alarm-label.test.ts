import type { AlarmRule } from '@city/domain';
import { describe, expect, it } from 'vitest';
import type { Catalog } from '../data/catalog';
import { alarmLabel } from './alarm-label';

const rule = {
  id: 'no2-eu',
  name: { nl: 'NO₂ boven EU-uurgrens', en: 'NO₂ above the EU hourly limit' },
} as AlarmRule;
const asset = {
  id: 'aq-vondelpark',
  kind: 'air-quality-station',
  layer: 'air',
  name: 'Vondelpark',
  geometry: { type: 'Point', coordinates: [4.87, 52.36] },
  district: 'Zuid',
  properties: {},
} as const;
const channel = {
  id: 'aq-vondelpark/no2',
  assetId: 'aq-vondelpark',
  metric: 'no2',
  name: 'NO₂',
  unit: 'µg/m³',
  displayRange: [0, 200],
  writable: false,
  source: null,
} as const;
/** The catalog as useCatalog indexes it (data/catalog.ts), for the two lookups alarmLabel makes. */
const catalog = {
  assets: [asset],
  channels: [channel],
  assetById: new Map([[asset.id, asset]]),
  channelById: new Map([[channel.id, channel]]),
  channelsByAsset: new Map([[asset.id, [channel]]]),
} as unknown as Catalog;

describe('an alarm id in words', () => {
  it('names the rule in the reader’s language and the asset and channel', () => {
    const rules = new Map([[rule.id, rule]]);
    expect(alarmLabel('no2-eu@aq-vondelpark/no2', rules, catalog, 'nl')).toEqual({
      rule: 'NO₂ boven EU-uurgrens',
      where: 'Vondelpark · NO₂',
    });
    expect(alarmLabel('no2-eu@aq-vondelpark/no2', rules, catalog, 'en').rule).toBe(
      'NO₂ above the EU hourly limit',
    );
  });

  it('falls back to the ids for a rule since removed or a communications subject', () => {
    expect(alarmLabel('gateway-silent@gw-noord/comms', new Map(), catalog, 'en')).toEqual({
      rule: 'gateway-silent',
      where: 'gw-noord/comms',
    });
  });
});
