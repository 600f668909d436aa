import type { Asset, Channel } from '@city/domain';
import type { Database } from '../database';
import { upsertAssets, upsertChannels } from '../queries/assets';

/** One asset with one channel per metric given: enough city for a database test. */
export async function seedChannels(
  db: Database,
  assetId: string,
  metrics: readonly string[],
): Promise<Channel[]> {
  const asset: Asset = {
    id: assetId,
    kind: 'air-quality-station',
    layer: 'air',
    name: `Test ${assetId}`,
    geometry: { type: 'Point', coordinates: [4.9, 52.37] },
    district: 'Centrum',
    properties: {},
  };
  const channels: Channel[] = metrics.map((metric) => ({
    id: `${assetId}/${metric}`,
    assetId,
    metric,
    name: metric,
    unit: 'µg/m³',
    displayRange: [0, 200],
    writable: false,
    source: null,
  }));
  await upsertAssets(db, [asset]);
  await upsertChannels(db, channels);
  return channels;
}
