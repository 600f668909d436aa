'use client';
import type { Channel } from '@city/domain';
import { useMessages, useTranslations } from 'next-intl';
import { useCallback, useMemo } from 'react';
import { localiseChannels, type MetricCatalogue, stateWord, wordsOf } from './metric-words';

/** The `metrics` namespace of the page's language: names, state words and bit names per metric. */
export function useMetricCatalogue(): MetricCatalogue {
  return useMessages().metrics;
}

/**
 * A screen's data with its channels named in the reader's language: for screens that load one asset
 * with its channels (asset detail) rather than the whole catalog (`useCatalog`, which names its own).
 */
export function useLocalisedAsset<D extends { asset: { kind: string }; channels: Channel[] }>(data: D): D {
  const catalogue = useMetricCatalogue();
  return useMemo(
    () => ({ ...data, channels: localiseChannels(data.channels, () => data.asset.kind, catalogue) }),
    [data, catalogue],
  );
}

export interface StateText {
  /** What the operator reads: "running", "auto", "sample pump fault, filter change due". */
  word: string;
  /** The number behind it, for a tooltip: "value 1". */
  raw: string;
}

/**
 * The word for a state channel's value (pump selector, running, fault, presence, a status word's
 * bits), or null for a quantity or a value with no word, which then shows as a number.
 */
export function useStateText(): (metric: string, value: number | null) => StateText | null {
  const catalogue = useMetricCatalogue();
  const t = useTranslations('metrics.state');
  return useCallback(
    (metric, value) => {
      const word = stateWord(wordsOf(catalogue, undefined, metric), value, (bit) => t('unnamedBit', { bit }));
      return word === null || value === null ? null : { word, raw: t('raw', { value }) };
    },
    [catalogue, t],
  );
}
