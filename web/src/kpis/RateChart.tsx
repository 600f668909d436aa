'use client';
import { useFormatter, useTranslations } from 'next-intl';
import { useRef } from 'react';
import { RATE_BENCHMARKS, type RateBar, rateScaleMax } from './rate-series';
import { useWidth } from './use-width';

/** Until it is measured, and never narrower than this. */
const INITIAL_WIDTH = 1200;
const MIN_WIDTH = 480;
const HEIGHT = 300;
const PAD = { left: 48, right: 140, top: 14, bottom: 36 };
const TICKS = 4;
const DAY_MS = 86_400_000;

/**
 * The alarm rate per 10 minutes as bars, with EEMUA 191's two lines drawn across: about 1 is
 * manageable, above 10 is a flood. Bars stay grey; a bar over the flood line is the one abnormal
 * thing, drawn in the error colour and counted in words (the summary, and the floods table below).
 */
export function RateChart({ bars, from, to }: { bars: RateBar[]; from: number; to: number }) {
  const t = useTranslations('kpis.rate');
  const format = useFormatter();
  const figure = useRef<HTMLElement>(null);
  const width = Math.max(MIN_WIDTH, useWidth(figure, INITIAL_WIDTH));
  const max = rateScaleMax(bars);
  const plotW = width - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const y = (value: number) => PAD.top + plotH - (value / max) * plotH;
  const slot = plotW / Math.max(1, bars.length);
  const time = (ms: number) => format.dateTime(new Date(ms), 'stampShort');
  const peak = Math.max(0, ...bars.map((bar) => bar.peak));
  const floods = bars.filter((bar) => bar.peak > RATE_BENCHMARKS.flood).length;
  const summary = t('summary', { bars: bars.length, from: time(from), to: time(to), peak, floods });
  // Within a day the hour (24-hour, as every clock in the console) tells the bars apart; over days, the date.
  const tick = (ms: number) =>
    to - from <= DAY_MS
      ? format.dateTime(new Date(ms), 'clockMinutes')
      : format.dateTime(new Date(ms), { day: 'numeric', month: 'short' });
  const ticks = Array.from({ length: TICKS + 1 }, (_, i) => from + ((to - from) * i) / TICKS);
  return (
    <figure className="kpis-chart" ref={figure}>
      <svg
        viewBox={`0 0 ${width} ${HEIGHT}`}
        className="kpis-rate-svg"
        role="img"
        aria-label={`${t('title')}. ${summary}`}
        data-testid="rate-chart"
        data-bars={bars.length}
      >
        <text x={PAD.left - 8} y={PAD.top + 4} textAnchor="end" className="kpis-axis-text">
          {max}
        </text>
        <text x={PAD.left - 8} y={PAD.top + plotH} textAnchor="end" className="kpis-axis-text">
          0
        </text>
        <line
          x1={PAD.left}
          x2={PAD.left + plotW}
          y1={PAD.top + plotH}
          y2={PAD.top + plotH}
          className="kpis-axis"
        />
        {bars.map((bar, i) =>
          bar.peak > 0 ? (
            <rect
              key={bar.start}
              x={PAD.left + i * slot + slot * 0.1}
              width={Math.max(1, slot * 0.8)}
              y={y(bar.peak)}
              height={PAD.top + plotH - y(bar.peak)}
              className={bar.peak > RATE_BENCHMARKS.flood ? 'kpis-bar kpis-bar-flood' : 'kpis-bar'}
            />
          ) : null,
        )}
        <Benchmark
          y={y(RATE_BENCHMARKS.acceptable)}
          x1={PAD.left}
          x2={PAD.left + plotW}
          label={t('acceptable')}
        />
        <Benchmark
          y={y(RATE_BENCHMARKS.flood)}
          x1={PAD.left}
          x2={PAD.left + plotW}
          label={t('flood')}
          flood
        />
        {ticks.map((at, i) => (
          <text
            key={at}
            x={PAD.left + (plotW * i) / TICKS}
            y={HEIGHT - 10}
            textAnchor={i === 0 ? 'start' : i === TICKS ? 'end' : 'middle'}
            className="kpis-axis-text"
          >
            {tick(at)}
          </text>
        ))}
      </svg>
      <figcaption className="kpis-note">{summary}</figcaption>
    </figure>
  );
}

function Benchmark({
  y,
  x1,
  x2,
  label,
  flood,
}: {
  y: number;
  x1: number;
  x2: number;
  label: string;
  flood?: boolean;
}) {
  return (
    <g className={flood ? 'kpis-benchmark kpis-benchmark-flood' : 'kpis-benchmark'}>
      <line x1={x1} x2={x2} y1={y} y2={y} />
      <text x={x2 + 10} y={y + 6}>
        {label}
      </text>
    </g>
  );
}
