import { type Asset, type Channel, type LatestValue, StatusCode } from '@city/domain';
import { describe, expect, it } from 'vitest';
import { airLayer } from './layers/air';
import type { MapFeature, ReadContext } from './layers/types';
import { LiveReadouts } from './live-readouts';

const NOW = 1_800_000_000_000;

function station(n: number): MapFeature {
  const asset: Asset = {
    id: `air-${n}`,
    kind: 'air-quality-station',
    layer: 'air',
    name: `Station ${n}`,
    district: 'Centrum',
    geometry: { type: 'Point', coordinates: [4.9, 52.37] },
    properties: {},
  };
  const no2: Channel = {
    id: `air-${n}/no2`,
    assetId: asset.id,
    metric: 'no2',
    name: 'NO₂',
    unit: 'µg/m³',
    displayRange: [0, 200],
    writable: false,
    source: null,
  };
  return {
    id: asset.id,
    layer: 'air',
    name: asset.name,
    district: asset.district,
    position: [4.9, 52.37],
    path: null,
    asset,
    channels: new Map([['no2', no2]]),
  };
}

const reading = (channelId: string, value: number): LatestValue => ({
  channelId,
  value,
  statusCode: StatusCode.Good,
  sourceTime: NOW - 1_000,
  serverTime: NOW - 900,
});

function contextWith(values: LatestValue[], now = NOW): ReadContext {
  return {
    values: new Map(values.map((value) => [value.channelId, value])),
    now,
    format: (value, decimals) => value.toFixed(decimals),
    gateways: new Map(),
  };
}

describe('LiveReadouts', () => {
  const features = [station(1), station(2), station(3)];
  const counted = () => {
    const reads: string[] = [];
    const readouts = new LiveReadouts(features, (feature, context) => {
      reads.push(feature.id);
      return airLayer.readoutOf(feature, context);
    });
    return { readouts, reads };
  };

  it('reads again only the stations whose channels a frame changed, and says which layer moved', () => {
    const { readouts, reads } = counted();
    readouts.refresh(contextWith([reading('air-1/no2', 20), reading('air-2/no2', 30)]), { channels: 'all' });
    expect(reads).toEqual(['air-1', 'air-2', 'air-3']);
    const before = readouts.layerVersion('air');
    reads.length = 0;
    const changes = readouts.refresh(contextWith([reading('air-1/no2', 20), reading('air-2/no2', 31)]), {
      channels: new Set(['air-2/no2']),
    });
    expect(reads).toEqual(['air-2']);
    expect(changes.features).toEqual(new Set([features[1]]));
    expect(readouts.readout(features[1] as MapFeature)?.text).toBe('31.0\u00a0µg/m³');
    expect(readouts.layerVersion('air')).toBeGreaterThan(before);
    expect(readouts.layerVersion('traffic')).toBe(0);
  });

  it('moves the weights only when a station turns abnormal or loses quality, so labels stay put otherwise', () => {
    const { readouts } = counted();
    readouts.refresh(contextWith([reading('air-1/no2', 20)]), { channels: 'all' });
    // Stations without a value have no data: they weigh, and their quality glyph shows.
    expect([...readouts.stateWeights().keys()]).toEqual(['air-2', 'air-3']);
    const weights = readouts.weightsVersion;
    readouts.refresh(contextWith([reading('air-1/no2', 25)]), { channels: new Set(['air-1/no2']) });
    expect(readouts.weightsVersion).toBe(weights);
    readouts.refresh(contextWith([reading('air-1/no2', 180)]), { channels: new Set(['air-1/no2']) });
    expect(readouts.weightsVersion).toBeGreaterThan(weights);
    expect(readouts.stateWeights().get('air-1')).toBe(100);
  });

  it('reads everything again on a full refresh, which turns a silent value stale', () => {
    const { readouts } = counted();
    readouts.refresh(contextWith([reading('air-1/no2', 20)]), { channels: 'all' });
    const quality = readouts.qualityVersion;
    readouts.refresh(contextWith([reading('air-1/no2', 20)], NOW + 120_000), { channels: 'all' });
    expect(readouts.readout(features[0] as MapFeature)?.quality).toBe('stale');
    expect(readouts.qualityVersion).toBeGreaterThan(quality);
  });
});
