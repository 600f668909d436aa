/** EEMUA 191 / ISA-18.2 benchmarks for one operator's alarm rate, per 10 minutes. */
export const RATE_BENCHMARKS = {
  /** About one alarm per 10 minutes is manageable. */
  acceptable: 1,
  /** More than 10 in 10 minutes is a flood. */
  flood: 10,
} as const;

export const TEN_MINUTES_MS = 600_000;

/** The periods the screen offers, each with how many 10-minute windows one bar stands for. */
export const PERIODS = {
  '24h': { ms: 86_400_000, windowsPerBar: 1 },
  '7d': { ms: 7 * 86_400_000, windowsPerBar: 6 },
  '30d': { ms: 30 * 86_400_000, windowsPerBar: 24 },
} as const;
export type Period = keyof typeof PERIODS;

export interface RateBar {
  /** Start of the bar, epoch ms. */
  start: number;
  /** The busiest 10 minutes within the bar: floods are about peaks, an average would hide them. */
  peak: number;
  /** All activations within the bar. */
  total: number;
}

/**
 * Activations counted per 10-minute window from `from` (as the KPI query bins them), then grouped
 * `windowsPerBar` windows to a bar, each bar showing its busiest window. Times outside [from, to)
 * are left out.
 */
export function rateBars(
  activatedAt: readonly number[],
  from: number,
  to: number,
  windowsPerBar: number,
): RateBar[] {
  const windows = Math.max(0, Math.ceil((to - from) / TEN_MINUTES_MS));
  const counts = new Array<number>(windows).fill(0);
  for (const at of activatedAt) {
    if (at < from || at >= to) continue;
    const index = Math.floor((at - from) / TEN_MINUTES_MS);
    counts[index] = (counts[index] ?? 0) + 1;
  }
  const bars: RateBar[] = [];
  for (let first = 0; first < windows; first += windowsPerBar) {
    const group = counts.slice(first, first + windowsPerBar);
    bars.push({
      start: from + first * TEN_MINUTES_MS,
      peak: Math.max(0, ...group),
      total: group.reduce((sum, n) => sum + n, 0),
    });
  }
  return bars;
}

/** The top of the chart's scale: room above the flood line, and above the highest bar. */
export function rateScaleMax(bars: readonly RateBar[]): number {
  const highest = Math.max(0, ...bars.map((bar) => bar.peak));
  return Math.max(RATE_BENCHMARKS.flood + 2, Math.ceil(highest * 1.1));
}
