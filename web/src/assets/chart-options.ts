import type uPlot from 'uplot';
import { CITY_TIME_ZONE } from '../i18n/locales';
import { GREYS, LAYOUT } from '../ui/tokens';
import { drawLimits } from './chart-limits';
import type { ChartLimit } from './limits';

/** What the chart reads on every draw; kept in a ref so new limits or labels need no new plot. */
export interface ChartView {
  /** The requested range in epoch ms: the x axis spans it even where no data exists yet. */
  from: number;
  to: number;
  yRange: [number, number] | null;
  limits: readonly ChartLimit[];
  formatTick: (epochMs: number, spanMs: number) => string;
  formatTime: (epochMs: number) => string;
  formatValue: (value: number) => string;
  formatLimit: (limit: ChartLimit) => string;
  labels: { time: string; min: string; avg: string; max: string };
  onZoom: (from: number, to: number) => void;
}

const AXIS_FONT = `15px ${LAYOUT.font}`;
/** The min–max band: the data is grey (ISA-101); a translucent muted grey over the surface. */
const BAND_FILL = `${GREYS.textMuted}40`;

/** A drag narrower than this is a click, not a zoom. */
const MIN_ZOOM_PX = 8;

export function chartOptions(
  size: { width: number; height: number },
  view: () => ChartView,
  tzDate: (date: Date, zone: string) => Date,
): uPlot.Options {
  const value = (_u: uPlot, v: number | null) => (v == null ? '—' : view().formatValue(v));
  return {
    ...size,
    pxAlign: false,
    tzDate: (seconds) => tzDate(new Date(seconds * 1_000), CITY_TIME_ZONE),
    scales: {
      x: { time: true, range: () => [view().from / 1_000, view().to / 1_000] },
      y: { range: (_u, min, max) => view().yRange ?? [min, max] },
    },
    series: [
      { label: view().labels.time, value: (_u, v) => (v == null ? '—' : view().formatTime(v * 1_000)) },
      { label: view().labels.min, stroke: GREYS.textDim, width: 1, value, spanGaps: false },
      { label: view().labels.avg, stroke: GREYS.text, width: 2, value, spanGaps: false },
      { label: view().labels.max, stroke: GREYS.textDim, width: 1, value, spanGaps: false },
    ],
    bands: [{ series: [3, 1], fill: BAND_FILL }],
    axes: [
      {
        stroke: GREYS.textMuted,
        font: AXIS_FONT,
        // Room for "wo 14:00" or "5 dec." so tick labels never run into each other.
        space: 110,
        grid: { stroke: GREYS.border, width: 1 },
        ticks: { stroke: GREYS.border, width: 1 },
        values: (_u, splits) => {
          const span = view().to - view().from;
          return splits.map((split) => view().formatTick(split * 1_000, span));
        },
      },
      {
        stroke: GREYS.textMuted,
        font: AXIS_FONT,
        size: 72,
        grid: { stroke: GREYS.border, width: 1 },
        ticks: { stroke: GREYS.border, width: 1 },
        values: (_u, splits) => splits.map((split) => view().formatValue(split)),
      },
    ],
    cursor: { drag: { x: true, y: false, setScale: false }, points: { size: 8 } },
    select: { show: true, left: 0, top: 0, width: 0, height: 0 },
    legend: { show: true, live: true },
    hooks: {
      draw: [(u) => drawLimits(u, view().limits, view().formatLimit)],
      setSelect: [
        (u) => {
          const { left, width } = u.select;
          if (width >= MIN_ZOOM_PX) {
            const from = u.posToVal(left, 'x') * 1_000;
            const to = u.posToVal(left + width, 'x') * 1_000;
            view().onZoom(Math.round(from), Math.round(to));
          }
          u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
        },
      ],
    },
  };
}
