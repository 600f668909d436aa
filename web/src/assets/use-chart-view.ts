'use client';
import type { Channel } from '@city/domain';
import { useFormatter, useTranslations } from 'next-intl';
import { useMemo, useRef } from 'react';
import type { ChartView } from './chart-options';
import { tickStyle } from './history-range';
import type { ChartSeries } from './history-series';
import type { ChartLimit } from './limits';
import { fractionDigits } from './live-value';

export interface LocalChartView extends ChartView {
  /** The chart in words, for screen readers: channel, range and limits. */
  describe: (series: ChartSeries) => string;
}

/**
 * What the chart needs from the page, in the reader's language and the city's time zone: ticks,
 * legend times and values per locale, limit labels, and where a drag should zoom to.
 */
export function useChartView({
  channel,
  range,
  limits,
  yRange,
  onZoom,
}: {
  channel: Channel | undefined;
  range: { from: number; to: number };
  limits: readonly ChartLimit[];
  yRange: [number, number] | null;
  onZoom: (from: number, to: number) => void;
}): LocalChartView {
  const t = useTranslations('asset.history');
  const format = useFormatter();
  // The latest callback without making a new view (and a redraw) on every render.
  const zoomRef = useRef(onZoom);
  zoomRef.current = onZoom;
  const unit = channel?.unit ?? '';
  const digits = channel ? fractionDigits(channel.displayRange, channel.unit) : 2;
  const { from, to } = range;

  return useMemo(() => {
    const formatValue = (value: number) =>
      format.number(value, { minimumFractionDigits: digits, maximumFractionDigits: digits });
    const formatLimit = (limit: ChartLimit) => `${limit.label} ${formatValue(limit.value)} ${unit}`.trim();
    const formatTime = (epochMs: number) =>
      format.dateTime(epochMs, {
        day: 'numeric',
        month: 'short',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hourCycle: 'h23',
      });
    const formatTick = (epochMs: number, spanMs: number) => {
      const style = tickStyle(spanMs);
      if (style === 'seconds')
        return format.dateTime(epochMs, {
          hour: '2-digit',
          minute: '2-digit',
          second: '2-digit',
          hourCycle: 'h23',
        });
      if (style === 'time')
        return format.dateTime(epochMs, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
      if (style === 'day') return format.dateTime(epochMs, { day: 'numeric', month: 'short' });
      return format.dateTime(epochMs, {
        weekday: 'short',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      });
    };
    return {
      from,
      to,
      yRange,
      limits,
      formatTick,
      formatTime,
      formatValue,
      formatLimit,
      labels: { time: t('legend.time'), min: t('legend.min'), avg: t('legend.avg'), max: t('legend.max') },
      onZoom: (zoomFrom, zoomTo) => zoomRef.current(zoomFrom, zoomTo),
      describe: (series) =>
        t('chartLabel', {
          channel: channel?.name ?? '',
          from: formatTime(from),
          to: formatTime(to),
          points: series.x.length,
          gaps: series.gaps,
          limits: limits.map(formatLimit).join(', ') || t('noLimits'),
        }),
    };
  }, [format, t, digits, unit, from, to, yRange, limits, channel?.name]);
}
