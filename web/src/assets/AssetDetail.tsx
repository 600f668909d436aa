'use client';
import { type Alarm, deviceCommsSubject, type LatestValue } from '@city/domain';
import { useQuery } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { useMemo } from 'react';
import { I18nProvider } from 'react-aria-components';
import { useAlarms, useTelemetry } from '../data/realtime/RealtimeProvider';
import { useTRPC } from '../data/trpc';
import { usePermission } from '../data/use-session';
import { useLocalisedAsset } from '../i18n/use-metric-words';
import { AssetHeader } from './AssetHeader';
import { AssetJournal } from './AssetJournal';
import { HistoryPanel } from './HistoryPanel';
import { LiveValues } from './LiveValues';
import { SetpointPanel } from './SetpointPanel';
import type { AssetDetailData } from './types';
import './asset.css';

/**
 * One asset: what it measures now (live, with quality and age), how that went over time, what its
 * alarms did, and, for those who may, the setpoints it takes. React Aria speaks the page's language.
 */
export function AssetDetail({ assetId }: { assetId: string }) {
  const t = useTranslations('asset');
  const trpc = useTRPC();
  const detail = useQuery(trpc.assets.detail.queryOptions({ assetId }));
  const locale = useLocale();

  return (
    <I18nProvider locale={locale === 'nl' ? 'nl-NL' : 'en-GB'}>
      <main className="asset-page" data-testid="asset-page" aria-busy={detail.isPending}>
        {detail.data ? (
          <AssetScreen detail={detail.data} />
        ) : detail.error ? (
          <p className="asset-notice" role="alert" data-testid="asset-error">
            {detail.error.data?.code === 'NOT_FOUND' ? t('notFound', { id: assetId }) : t('loadFailed')}
          </p>
        ) : (
          <p className="asset-notice">{t('loading')}</p>
        )}
      </main>
    </I18nProvider>
  );
}

function AssetScreen({ detail: loaded }: { detail: AssetDetailData }) {
  const detail = useLocalisedAsset(loaded);
  const trpc = useTRPC();
  const rules = useQuery(trpc.alarms.rules.list.queryOptions());
  const canWrite = usePermission('setpoint.write').allowed;
  const values = useLiveValues(detail);
  const alarms = useAssetAlarms(detail);
  const writable = detail.channels.filter((channel) => channel.writable);

  return (
    <>
      <AssetHeader asset={detail.asset} alarms={alarms} />
      <div className="asset-grid">
        <div className="asset-column">
          <LiveValues channels={detail.channels} values={values} />
          {canWrite && writable.length > 0 && <SetpointPanel channels={writable} values={values} />}
        </div>
        <div className="asset-column asset-column-wide">
          <HistoryPanel asset={detail.asset} channels={detail.channels} rules={rules.data ?? []} />
          <AssetJournal assetId={detail.asset.id} alarms={alarms} channels={detail.channels} />
        </div>
      </div>
    </>
  );
}

/** The socket's newest value per channel, else the one the page loaded with, whichever is newer. */
function useLiveValues(detail: AssetDetailData): ReadonlyMap<string, LatestValue> {
  const live = useTelemetry().values;
  return useMemo(() => {
    const merged = new Map<string, LatestValue>();
    for (const value of detail.values) merged.set(value.channelId, value);
    for (const channel of detail.channels) {
      const fresh = live.get(channel.id);
      const loaded = merged.get(channel.id);
      if (fresh && (!loaded || fresh.sourceTime >= loaded.sourceTime)) merged.set(channel.id, fresh);
    }
    return merged;
  }, [detail, live]);
}

/**
 * The asset's alarms as the realtime store holds them (live), else as the page loaded them: those on
 * its channels, and the communications alarm of each device that feeds it (a silent logger).
 */
function useAssetAlarms(detail: AssetDetailData): Alarm[] {
  const { alarms, ready } = useAlarms();
  return useMemo(() => {
    if (!ready) return detail.alarms;
    const own = new Set(detail.channels.map((channel) => channel.id));
    for (const channel of detail.channels) {
      if (channel.source) own.add(deviceCommsSubject(channel.source.deviceId));
    }
    return [...alarms.values()].filter((alarm) => own.has(alarm.channelId));
  }, [alarms, ready, detail]);
}
