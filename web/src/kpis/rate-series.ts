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
 * The server's count per 10-minute window (alarms.kpis `perTenMinutes`, window 0 starting at `from`)
 * grouped `windowsPerBar` windows to a bar, each bar showing its busiest window and its total.
 */
export function rateBars(perTenMinutes: readonly number[], from: number, windowsPerBar: number): RateBar[] {
  const bars: RateBar[] = [];
  for (let first = 0; first < perTenMinutes.length; first += windowsPerBar) {
    const group = perTenMinutes.slice(first, first + windowsPerBar);
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
