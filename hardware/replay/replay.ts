import type { RunningCabinet } from '../simulators/cabinet';
import { type GapSummary, summariseGaps } from './gaps';
import { type RecordedSeries, valueAt } from './series';

/**
 * Plays recorded series through a device of a running cabinet at a chosen speed-up: each point is
 * held at the value the recording has for the replay's current time, looked up at every read, so a
 * master reading at replay time t gets exactly the recorded value for t. The replay's clock is what
 * a gateway stamping these readings should use (its source time), so stored history lines up with
 * the recording's hours.
 */
export interface ReplayOptions {
  cabinet: RunningCabinet;
  deviceId: string;
  /** Point name → the series it plays. */
  points: Readonly<Record<string, RecordedSeries>>;
  /** Recorded seconds per wall-clock second, e.g. 3600 plays an hour a second. */
  speedup: number;
  /**
   * Start the clock on the device's first read, at this offset into the recording (ms). Aligning
   * the start to a master's polls keeps every poll away from the recording's hour boundaries.
   */
  startOnFirstRead?: { offsetMs: number };
  /** Wall clock; default performance.now, which never jumps. */
  now?: () => number;
}

export interface RunningReplay {
  /** Replay time (epoch ms in the recording's time). */
  clock(): number;
  readonly startMs: number;
  readonly endMs: number;
  /**
   * The hours the played series have no value for. In them a point holds its last value, as a
   * device repeating its last measurement.
   */
  readonly gaps: GapSummary;
  /** Settles when the recording has been played to its end. */
  readonly finished: Promise<void>;
  /** Stops and hands the points back to their signal models. */
  stop(): void;
}

export function startReplay(options: ReplayOptions): RunningReplay {
  const series = Object.entries(options.points);
  if (series.length === 0) throw new RangeError('a replay needs at least one point and series');
  if (!(options.speedup > 0)) throw new RangeError(`speedup must be above 0, got ${options.speedup}`);
  const gaps = summariseGaps(series.map(([, s]) => s));
  for (const [point, recorded] of series) {
    if (recorded.samples.length === 0) {
      const without = summariseGaps([recorded]).text;
      throw new RangeError(`series "${recorded.name}" for ${point} has no values to play: ${without}`);
    }
  }
  const startMs = Math.min(
    ...series.map(([, s]) => Math.min(s.samples[0]?.startMs ?? Infinity, s.gaps[0]?.startMs ?? Infinity)),
  );
  const endMs = Math.max(
    ...series.map(([, s]) =>
      Math.max(s.samples.at(-1)?.endMs ?? -Infinity, s.gaps.at(-1)?.endMs ?? -Infinity),
    ),
  );
  const now = options.now ?? (() => performance.now());
  const offsetMs = options.startOnFirstRead?.offsetMs ?? 0;
  let wallStart: number | undefined = options.startOnFirstRead ? undefined : now();
  const clock = () =>
    startMs + offsetMs + (wallStart === undefined ? 0 : (now() - wallStart) * options.speedup);

  let finish: () => void = () => {};
  const finished = new Promise<void>((resolve) => {
    finish = resolve;
  });
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    detach();
    clearInterval(watch);
    for (const [point] of series) options.cabinet.releasePoint(options.deviceId, point);
    finish();
  };
  const detach = options.cabinet.onRead(options.deviceId, () => {
    wallStart ??= now();
    const time = clock();
    for (const [point, recorded] of series) {
      const value = valueAt(recorded, time);
      // In a gap the point keeps the last value it had, as a device repeating its last measurement.
      if (value !== undefined) options.cabinet.setPointValue(options.deviceId, point, value);
    }
  });
  const watch = setInterval(() => {
    if (clock() >= endMs) stop();
  }, 20);
  watch.unref();
  return { clock, startMs, endMs, gaps, finished, stop };
}
