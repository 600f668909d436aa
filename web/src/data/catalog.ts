'use client';
import type { Asset, Channel } from '@city/domain';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTRPC } from './trpc';

export interface Catalog {
  assets: Asset[];
  channels: Channel[];
  assetById: ReadonlyMap<string, Asset>;
  channelById: ReadonlyMap<string, Channel>;
  channelsByAsset: ReadonlyMap<string, Channel[]>;
}

/** Assets and channels: loaded once, refetched after a reconnect (assets may have been added). */
export function useCatalog(): { catalog: Catalog | null; error: string | null } {
  const trpc = useTRPC();
  const query = useQuery({ ...trpc.map.assets.queryOptions(), staleTime: Number.POSITIVE_INFINITY });
  const catalog = useMemo(() => (query.data ? indexCatalog(query.data) : null), [query.data]);
  return { catalog, error: query.error ? query.error.message : null };
}

export function indexCatalog({ assets, channels }: { assets: Asset[]; channels: Channel[] }): Catalog {
  const channelsByAsset = new Map<string, Channel[]>();
  for (const channel of channels) {
    const list = channelsByAsset.get(channel.assetId) ?? [];
    list.push(channel);
    channelsByAsset.set(channel.assetId, list);
  }
  return {
    assets,
    channels,
    assetById: new Map(assets.map((asset) => [asset.id, asset])),
    channelById: new Map(channels.map((channel) => [channel.id, channel])),
    channelsByAsset,
  };
}
