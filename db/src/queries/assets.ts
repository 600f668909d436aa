import type { Asset, Channel, Geometry } from '@city/domain';
import type { Queryable } from '../database';

/** Registers assets, replacing what a previous run said about them (the city config is the source of truth). */
export async function upsertAssets(db: Queryable, assets: readonly Asset[]): Promise<void> {
  if (assets.length === 0) return;
  await db.query(
    `INSERT INTO assets (id, kind, layer, name, geometry, district, properties)
     SELECT a.id, a.kind, a.layer, a.name, a.geometry, a.district, a.properties
       FROM jsonb_to_recordset($1::jsonb)
         AS a(id text, kind text, layer text, name text, geometry jsonb, district text, properties jsonb)
     ON CONFLICT (id) DO UPDATE SET
       kind = excluded.kind, layer = excluded.layer, name = excluded.name, geometry = excluded.geometry,
       district = excluded.district, properties = excluded.properties, updated_at = now()`,
    [JSON.stringify(assets)],
  );
}

export async function upsertChannels(db: Queryable, channels: readonly Channel[]): Promise<void> {
  if (channels.length === 0) return;
  const rows = channels.map((channel) => ({
    id: channel.id,
    asset_id: channel.assetId,
    metric: channel.metric,
    name: channel.name,
    unit: channel.unit,
    display_min: channel.displayRange[0],
    display_max: channel.displayRange[1],
    writable: channel.writable,
    write_min: channel.writeRange?.[0] ?? null,
    write_max: channel.writeRange?.[1] ?? null,
    source: channel.source,
  }));
  await db.query(
    `INSERT INTO channels (id, asset_id, metric, name, unit, display_min, display_max, writable, write_min,
                           write_max, source)
     SELECT c.id, c.asset_id, c.metric, c.name, c.unit, c.display_min, c.display_max, c.writable, c.write_min,
            c.write_max, c.source
       FROM jsonb_to_recordset($1::jsonb)
         AS c(id text, asset_id text, metric text, name text, unit text,
              display_min float8, display_max float8, writable boolean, write_min float8,
              write_max float8, source jsonb)
     ON CONFLICT (id) DO UPDATE SET
       asset_id = excluded.asset_id, metric = excluded.metric, name = excluded.name, unit = excluded.unit,
       display_min = excluded.display_min, display_max = excluded.display_max,
       writable = excluded.writable, write_min = excluded.write_min, write_max = excluded.write_max,
       source = excluded.source, updated_at = now()`,
    [JSON.stringify(rows)],
  );
}

interface AssetRow {
  id: string;
  kind: Asset['kind'];
  layer: Asset['layer'];
  name: string;
  geometry: Geometry;
  district: string | null;
  properties: Record<string, unknown>;
}

export async function listAssets(db: Queryable): Promise<Asset[]> {
  const { rows } = await db.query<AssetRow>(
    'SELECT id, kind, layer, name, geometry, district, properties FROM assets ORDER BY layer, id',
  );
  return rows.map((row) => ({ ...row }));
}

interface ChannelRow {
  id: string;
  asset_id: string;
  metric: string;
  name: string;
  unit: string;
  display_min: number;
  display_max: number;
  writable: boolean;
  write_min: number | null;
  write_max: number | null;
  source: Channel['source'];
}

export async function listChannels(db: Queryable): Promise<Channel[]> {
  const { rows } = await db.query<ChannelRow>(
    `SELECT id, asset_id, metric, name, unit, display_min, display_max, writable, write_min, write_max, source
       FROM channels ORDER BY id`,
  );
  return rows.map((row) => ({
    id: row.id,
    assetId: row.asset_id,
    metric: row.metric,
    name: row.name,
    unit: row.unit,
    displayRange: [row.display_min, row.display_max],
    writable: row.writable,
    // Absent, not null, on a channel that takes no setpoints: most channels, and what callers compare.
    ...(row.write_min !== null && row.write_max !== null
      ? { writeRange: [row.write_min, row.write_max] as [number, number] }
      : {}),
    source: row.source,
  }));
}
