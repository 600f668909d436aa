import { AssetSchema, ChannelSchema } from '@city/domain';
import { describe, expect, it } from 'vitest';
import { assetsOf, channelsOf, findCabinet } from './derive';
import { AMSTERDAM_CITY_FILE, loadCity } from './loader';

const city = loadCity();

describe('domain objects derived from the city', () => {
  it('gives one valid asset per device, at its place', () => {
    const assets = assetsOf(city);
    expect(assets.map((a) => AssetSchema.parse(a))).toEqual(assets);
    expect(assets.map((a) => [a.id, a.kind, a.layer, a.district, a.geometry.coordinates])).toEqual([
      ['aq-vondelpark', 'air-quality-station', 'air', 'Zuid', [4.866185, 52.359864]],
      ['loop-a10-west', 'loop-detector', 'traffic', 'West', [4.8447, 52.3775]],
    ]);
  });

  it('gives one channel per profile point, named "<asset id>/<metric>" and bound to the gateway', () => {
    const channels = channelsOf(city, 'gw-skeleton');
    expect(channels.map((c) => c.id)).toEqual([
      'aq-vondelpark/no2',
      'aq-vondelpark/pm10',
      'aq-vondelpark/pm25',
      'aq-vondelpark/status',
      'aq-vondelpark/o3',
      'aq-vondelpark/temperature',
      'aq-vondelpark/humidity',
      'loop-a10-west/flow',
      'loop-a10-west/speed',
      'loop-a10-west/occupancy',
      'loop-a10-west/fault-bits',
      'loop-a10-west/aggregation-period',
      ...[1, 2, 3].flatMap((lane) =>
        ['flow', 'speed', 'occupancy'].map((metric) => `loop-a10-west/lane${lane}-${metric}`),
      ),
    ]);
    for (const channel of channels) expect(ChannelSchema.parse(channel)).toEqual(channel);
    expect(channels.find((c) => c.id === 'loop-a10-west/speed')).toEqual({
      id: 'loop-a10-west/speed',
      assetId: 'loop-a10-west',
      metric: 'speed',
      name: 'Mean speed',
      unit: 'km/h',
      displayRange: [0, 130],
      writable: false,
      source: { gatewayId: 'gw-skeleton', deviceId: 'a10-west-loop-controller', point: 'speed' },
    });
    expect(channels.filter((c) => c.writable).map((c) => c.id)).toEqual(['loop-a10-west/aggregation-period']);
  });

  it("carries each writable point's write range from its profile, and none for read-only points", () => {
    const amsterdam = channelsOf(loadCity(AMSTERDAM_CITY_FILE), 'gw-amsterdam');
    const writeRanges = new Map(amsterdam.filter((c) => c.writable).map((c) => [c.metric, c.writeRange]));
    expect(Object.fromEntries(writeRanges)).toEqual({
      'aggregation-period': [10, 900],
      'dim-level': [0, 100],
      'control-mode': [0, 1],
      'start-level-lead': [0.3, 3],
      'start-level-lag': [0.4, 3.2],
      'stop-level': [0.2, 2],
    });
    expect(amsterdam.filter((c) => !c.writable && c.writeRange !== undefined)).toEqual([]);
    // The pump levels an operator may set lie inside the wet well the level is measured in.
    const well = amsterdam.find((c) => c.metric === 'level' && c.assetId.startsWith('ps-'))?.displayRange;
    for (const metric of ['start-level-lead', 'start-level-lag', 'stop-level']) {
      const [min = Number.NaN, max = Number.NaN] = writeRanges.get(metric) ?? [];
      expect(min).toBeGreaterThanOrEqual(well?.[0] ?? Number.NaN);
      expect(max).toBeLessThanOrEqual(well?.[1] ?? Number.NaN);
    }
  });

  it('binds every channel to a point its device really has, so gateway and simulator agree', () => {
    for (const channel of channelsOf(city, 'gw-skeleton')) {
      const device = city.cabinets
        .flatMap((c) => c.devices)
        .find((d) => d.id === channel.source?.deviceId && d.asset.id === channel.assetId);
      expect(device?.profile.points.map((p) => p.name)).toContain(channel.source?.point);
    }
  });

  it('refuses a gateway id that could not be stored', () => {
    expect(() => channelsOf(city, 'Gateway 1')).toThrow(/CITY_HW_INVALID_ID: gateway id "Gateway 1"/);
  });

  it('finds a cabinet by id and lists the ones there are when it cannot', () => {
    expect(findCabinet(city, 'cab-vondelpark').name).toBe('Straatkast Vondelpark');
    expect(() => findCabinet(city, 'cab-dam')).toThrow(/expected one of cab-vondelpark/);
  });
});
