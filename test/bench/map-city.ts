/**
 * The map benchmark's scaled city: `count` air-quality stations on a grid over Amsterdam, one NO₂
 * channel each, spread over ten districts, and one probe station alone at the map's centre, whose
 * value the benchmark flips between a normal and an abnormal level to time the pixel change.
 */
import { type Database, insertReadings, upsertAssets, upsertChannels } from '@city/db';
import type { Asset, Channel } from '@city/domain';

export const PROBE_ASSET = 'bench-probe';
export const PROBE_CHANNEL = `${PROBE_ASSET}/no2`;
/** The map's initial centre (web/src/map/view.ts): the probe sits there, with the grid kept clear around it. */
const CENTRE: [number, number] = [4.895, 52.356];
const BOUNDS = { west: 4.76, east: 5.03, south: 52.3, north: 52.42 };
const CLEAR_RADIUS_DEG = 0.006;

/** An air-quality station of the scaled city (also the base-map browser test's one station). */
export function station(id: string, name: string, coordinates: [number, number], district: string): Asset {
  return {
    id,
    kind: 'air-quality-station',
    layer: 'air',
    name,
    geometry: { type: 'Point', coordinates },
    district,
    properties: {},
  };
}

/** The station's one channel. */
export function no2Of(assetId: string): Channel {
  return {
    id: `${assetId}/no2`,
    assetId,
    metric: 'no2',
    name: 'NO₂',
    unit: 'µg/m³',
    displayRange: [0, 200],
    writable: false,
    source: null,
  };
}

/** Seeds the city; returns the grid's channel ids (the 1 Hz feed), the probe's not among them. */
export async function seedMapCity(db: Database, count: number): Promise<string[]> {
  const side = Math.ceil(Math.sqrt(count * 1.2));
  const assets: Asset[] = [];
  for (let i = 0; assets.length < count && i < side * side * 2; i += 1) {
    const lon = BOUNDS.west + ((i % side) + 0.5) * ((BOUNDS.east - BOUNDS.west) / side);
    const lat = BOUNDS.south + (Math.floor(i / side) + 0.5) * ((BOUNDS.north - BOUNDS.south) / side);
    if (Math.hypot(lon - CENTRE[0], lat - CENTRE[1]) < CLEAR_RADIUS_DEG) continue;
    const n = assets.length;
    assets.push(station(`bench-map-${n}`, `Bench ${n}`, [lon, lat], `Bench ${n % 10}`));
  }
  const probe = station(PROBE_ASSET, 'Probe station', CENTRE, 'Bench 0');
  for (let from = 0; from < assets.length; from += 1_000) {
    const slice = assets.slice(from, from + 1_000);
    await upsertAssets(db, slice);
    await upsertChannels(
      db,
      slice.map((asset) => no2Of(asset.id)),
    );
  }
  await upsertAssets(db, [probe]);
  await upsertChannels(db, [no2Of(PROBE_ASSET)]);
  return assets.map((asset) => `${asset.id}/no2`);
}

/** NO₂ that drifts within the good and moderate classes: every feature changes, none turns abnormal. */
const feedValue = (index: number, timeMs: number) =>
  Math.round((35 + 25 * Math.sin(timeMs / 7_000 + index)) * 10) / 10;

/**
 * The 1 Hz feed: every grid channel once a second, in ten batches spread over the second (as gateways
 * commit), until stopped; `paused` holds it (the static map).
 */
export function startFeed(db: Database, channelIds: readonly string[]) {
  const batches = Array.from({ length: 10 }, (_, b) =>
    channelIds.map((id, index) => ({ id, index })).filter(({ index }) => index % 10 === b),
  );
  const state = { stopped: false, paused: false, sweeps: 0 };
  const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const done = (async () => {
    while (!state.stopped) {
      const started = Date.now();
      if (!state.paused) {
        for (const [b, batch] of batches.entries()) {
          await wait(Math.max(0, started + b * 100 - Date.now()));
          const now = Date.now();
          await insertReadings(
            db,
            batch.map(({ id, index }) => ({
              channelId: id,
              value: feedValue(index, now),
              statusCode: 0,
              sourceTime: new Date(now),
            })),
          );
        }
        state.sweeps += 1;
      }
      await wait(Math.max(0, started + 1_000 - Date.now()));
    }
  })();
  return {
    state,
    async stop() {
      state.stopped = true;
      await done;
    },
  };
}
