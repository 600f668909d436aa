'use client';
import type { Asset, Channel } from '@city/domain';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useMemo, useState } from 'react';
import { Button, ToggleButton, ToggleButtonGroup } from 'react-aria-components';
import { useTRPC } from '../data/trpc';
import { PriorityMark } from '../ui/PriorityMark';
import { ChannelSelect } from './ChannelSelect';
import { HistoryChart } from './HistoryChart';
import { HISTORY_POINTS, PRESETS, type Preset, presetRange } from './history-range';
import { toChartSeries, valueRange } from './history-series';
import { type ChartLimit, limitsFor, primaryChannel } from './limits';
import type { AlarmRuleList } from './types';
import { useChartView } from './use-chart-view';
import './history.css';
import { useNow } from './use-now';

/** Preset ranges end now and move on this often; a dragged range stays where it was dragged. */
const REFRESH_MS = 30_000;

/**
 * The history of one channel: 1 h, 24 h, 7 d, 30 d or a dragged range, drawn as the min–max band
 * with the average, the limits of the rules on the channel, and gaps where nothing was measured.
 */
export function HistoryPanel({
  asset,
  channels,
  rules,
}: {
  asset: Asset;
  channels: readonly Channel[];
  rules: AlarmRuleList;
}) {
  const t = useTranslations('asset.history');
  const trpc = useTRPC();
  const [chosenId, setChosenId] = useState<string | null>(null);
  const [preset, setPreset] = useState<Preset>('24h');
  const [zoom, setZoom] = useState<{ from: number; to: number } | null>(null);
  const now = useNow(REFRESH_MS);
  const channel =
    channels.find((candidate) => candidate.id === chosenId) ?? primaryChannel(channels, asset.kind, rules);
  const range = zoom ?? presetRange(preset, now, REFRESH_MS);
  const limits = useMemo(
    () => (channel ? limitsFor(rules, channel, asset.kind) : []),
    [rules, channel, asset.kind],
  );

  const history = useQuery({
    ...trpc.assets.history.queryOptions({
      channelId: channel?.id ?? '',
      from: new Date(range.from),
      to: new Date(range.to),
      maxPoints: HISTORY_POINTS,
    }),
    enabled: channel !== undefined,
    placeholderData: keepPreviousData,
  });
  const series = useMemo(() => toChartSeries(history.data ?? { bucketMs: 1, points: [] }), [history.data]);
  const yRange = useMemo(
    () =>
      valueRange(
        series,
        limits.map((limit) => limit.value),
      ),
    [series, limits],
  );
  const view = useChartView({ channel, range, limits, yRange, onZoom: (from, to) => setZoom({ from, to }) });

  if (!channel) return null;
  return (
    <section
      className="asset-section history"
      aria-labelledby="history-title"
      data-testid="history"
      data-channel={channel.id}
      data-range={zoom ? 'zoom' : preset}
      data-bucket-ms={history.data?.bucketMs ?? ''}
      data-loaded={history.isFetched && !history.isPlaceholderData ? 'true' : 'false'}
    >
      <div className="history-toolbar">
        <h2 id="history-title" className="asset-section-title">
          {t('title')}
        </h2>
        <ChannelSelect channels={channels} value={channel.id} onChange={(id) => setChosenId(id)} />
        <ToggleButtonGroup
          className="segmented"
          aria-label={t('range')}
          selectionMode="single"
          disallowEmptySelection
          selectedKeys={zoom ? [] : [preset]}
          onSelectionChange={(keys) => {
            const next = PRESETS.find((candidate) => keys.has(candidate));
            if (!next) return;
            setPreset(next);
            setZoom(null);
          }}
        >
          {PRESETS.map((option) => (
            <ToggleButton key={option} id={option} className="segmented-option range-button">
              {t(`preset.${option}`)}
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
        {zoom && (
          <Button className="button button-secondary" onPress={() => setZoom(null)} data-testid="zoom-reset">
            {t('resetZoom')}
          </Button>
        )}
      </div>
      <p className="history-caption">
        {t('caption', { channel: channel.name, unit: channel.unit || '—' })}
        {' · '}
        {zoom ? t('zoomed') : t('dragHint')}
      </p>
      <HistoryChart series={series} view={view} height={380} label={view.describe(series)} />
      {history.error && (
        <p className="form-error" role="alert">
          {t('failed')}
        </p>
      )}
      {history.isFetched && !history.error && series.x.length === 0 && (
        <p className="asset-empty" data-testid="history-empty">
          {t('empty')}
        </p>
      )}
      <LimitLegend limits={limits} formatLimit={view.formatLimit} />
    </section>
  );
}

function LimitLegend({
  limits,
  formatLimit,
}: {
  limits: readonly ChartLimit[];
  formatLimit: (limit: ChartLimit) => string;
}) {
  const t = useTranslations('asset.history');
  if (limits.length === 0) return <p className="asset-empty">{t('noLimits')}</p>;
  return (
    <ul className="limit-legend" aria-label={t('limits')} data-testid="limit-legend">
      {limits.map((limit) => (
        <li key={`${limit.ruleId}-${limit.kind}`} data-limit={limit.label} data-value={limit.value}>
          <PriorityMark priority={limit.priority} />
          <span className="limit-text">{formatLimit(limit)}</span>
        </li>
      ))}
    </ul>
  );
}
