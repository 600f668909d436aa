'use client';
import type { AlarmTarget, Channel } from '@city/domain';
import { useTranslations } from 'next-intl';
import { useCallback } from 'react';
import type { Catalog } from '../data/catalog';

/** A target in words: "Buiksloterham · Wet well level", "Every pumping station · level", "Every gateway". */
export function useTargetLabel(catalog: Catalog | null): (target: AlarmTarget) => string {
  const t = useTranslations('rules.target');
  return useCallback(
    (target: AlarmTarget) => {
      if ('channelId' in target) {
        const channel = catalog?.channelById.get(target.channelId);
        const asset = channel ? catalog?.assetById.get(channel.assetId) : undefined;
        return t('channel', {
          asset: asset?.name ?? target.channelId.split('/')[0] ?? target.channelId,
          channel: channel?.name ?? target.channelId,
        });
      }
      if ('assetKind' in target)
        return t('kind', {
          kind: t(`assetKind.${target.assetKind}`),
          // The metric as its channels are named ("Wet-well level"), not its id ("level").
          metric: channelOfKind(target, catalog)?.name ?? target.metric,
        });
      return t(target.scope);
    },
    [catalog, t],
  );
}

/** The unit the target's values are in: its channel's, or that of any channel of its kind and metric. */
export function unitOf(target: AlarmTarget, catalog: Catalog | null): string {
  if (!catalog) return '';
  if ('channelId' in target) return catalog.channelById.get(target.channelId)?.unit ?? '';
  if ('assetKind' in target) return channelOfKind(target, catalog)?.unit ?? '';
  return 's';
}

/** Any channel of an asset kind and metric: they share a name and a unit. */
function channelOfKind(
  target: { assetKind: string; metric: string },
  catalog: Catalog | null,
): Channel | undefined {
  return catalog?.channels.find(
    (c) => c.metric === target.metric && catalog.assetById.get(c.assetId)?.kind === target.assetKind,
  );
}
