'use client';
import type { Asset, Channel } from '@city/domain';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { localiseChannels, type MetricCatalogue } from '../i18n/metric-words';
import { useMetricCatalogue } from '../i18n/use-metric-words';
import { useHydrated } from '../ui/use-hydrated';
import { useTRPC } from './trpc';

export interface Catalog {
  assets: Asset[];
  /** Named in the reader's language (the `metrics` messages), else as the catalog named them. */
  channels: Channel[];
  assetById: ReadonlyMap<string, Asset>;
  channelById: ReadonlyMap<string, Channel>;
  channelsByAsset: ReadonlyMap<string, Channel[]>;
}

/**
 * Assets and channels: loaded once, refetched after a reconnect (assets may have been added). The
 * channels' names are the operator's words for their metric, so every screen that reads the catalog
 * shows Dutch names in Dutch without localising them itself.
 */
export function useCatalog(): { catalog: Catalog | null; error: string | null } {
  const trpc = useTRPC();
  const query = useQuery({ ...trpc.map.assets.queryOptions(), staleTime: Number.POSITIVE_INFINITY });
  const words = useMetricCatalogue();
  // The catalog is asked for while the page hydrates (data/trpc.tsx); one that arrives before a screen
  // has hydrated waits for the render after, so the screen matches the server's HTML, which had none.
  const data = useHydrated() ? query.data : undefined;
  const catalog = useMemo(() => (data ? indexCatalog(localiseCatalog(data, words)) : null), [data, words]);
  return { catalog, error: query.error ? query.error.message : null };
}

function localiseCatalog(
  { assets, channels }: { assets: Asset[]; channels: Channel[] },
  words: MetricCatalogue,
): { assets: Asset[]; channels: Channel[] } {
  const kinds = new Map(assets.map((asset) => [asset.id, asset.kind]));
  return { assets, channels: localiseChannels(channels, (assetId) => kinds.get(assetId), words) };
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
