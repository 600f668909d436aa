'use client';
import { useLocale } from 'next-intl';
import { useEffect, useRef } from 'react';
import type uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { type ChartView, chartOptions } from './chart-options';
import type { ChartSeries } from './history-series';

/**
 * uPlot in one small component: the plot is made once when the element is there, then gets new data
 * with setData and redraws for new limits or labels (read through a ref). uPlot is loaded in the
 * browser only, as it measures the window.
 */
export function HistoryChart({
  series,
  view,
  height,
  label,
}: {
  series: ChartSeries;
  view: ChartView;
  height: number;
  /** What the chart shows, for those who cannot see the canvas. */
  label: string;
}) {
  // uPlot takes series names only when the plot is made: a new language makes a new plot.
  const locale = useLocale();
  const element = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const viewRef = useRef(view);
  const seriesRef = useRef(series);
  viewRef.current = view;
  seriesRef.current = series;

  // biome-ignore lint/correctness/useExhaustiveDependencies: locale is the trigger, uPlot reads series names once
  useEffect(() => {
    const target = element.current;
    if (!target) return;
    let cancelled = false;
    let observer: ResizeObserver | undefined;
    void import('uplot').then(({ default: UPlot }) => {
      if (cancelled) return;
      const size = { width: Math.max(200, target.clientWidth), height };
      const made = new UPlot(
        chartOptions(size, () => viewRef.current, UPlot.tzDate),
        columns(seriesRef.current),
        target,
      );
      plot.current = made;
      observer = new ResizeObserver(() => {
        const width = Math.max(200, target.clientWidth);
        if (width !== made.width) made.setSize({ width, height });
      });
      observer.observe(target);
    });
    return () => {
      cancelled = true;
      observer?.disconnect();
      plot.current?.destroy();
      plot.current = null;
    };
  }, [height, locale]);

  useEffect(() => {
    plot.current?.setData(columns(series));
  }, [series]);

  useEffect(() => {
    // New range, limits or language: rescale and redraw the same plot.
    const current = plot.current;
    if (!current) return;
    current.setScale('x', { min: view.from / 1_000, max: view.to / 1_000 });
    current.redraw(true, true);
  }, [view]);

  return (
    <div
      ref={element}
      className="history-chart"
      role="img"
      aria-label={label}
      data-testid="history-chart"
      data-points={series.x.length}
      data-values={series.avg.filter((value) => value !== null).length}
      data-gaps={series.gaps}
      data-band={series.min.filter((min, i) => min !== null && (series.max[i] ?? min) > min).length}
      data-range-ms={JSON.stringify([view.from, view.to])}
      data-limits={view.limits.map((limit) => `${limit.label}:${limit.value}`).join(' ')}
    />
  );
}

function columns(series: ChartSeries): uPlot.AlignedData {
  return [series.x, series.min, series.avg, series.max];
}
