'use client';
import { useEffect, useState } from 'react';
import { ChangeAccumulator } from './change-accumulator';
import { useRealtime } from './RealtimeProvider';
import type { TelemetryState } from './telemetry-store';

/**
 * What a screen drawn on the GPU passes so values wait for its GPU rather than queue frames behind it
 * (the map's FramePacer): it is told of each hand-over, and says when the next may come.
 */
export interface FrameGate {
  handedOver(): void;
  whenIdle(next: () => void): void;
}

export interface FrameTelemetry extends TelemetryState {
  /**
   * The version the previous hand-over carried: `changed` is everything since then. A reader that
   * last saw another version missed a hand-over (React may render only the newest state) and must
   * read everything.
   */
  since: number;
}

/**
 * The live values at most once per animation frame (or per `minIntervalMs`), with every channel
 * changed since the last one.
 * Gateways commit several batches a second and each is a telemetry frame; a screen that drew each
 * (a 10,000-feature map on software WebGL) would queue work behind work. The newest values always
 * win, so nothing shown is older than one frame. Only the component that draws re-renders, not its
 * parents. A screen drawn on the GPU passes its `gate`, so values wait for the GPU, not in its queue.
 * A screen that is read rather than watched (a list of numbers) passes `minIntervalMs`, so it changes
 * no more often than a person can read it.
 */
export function useFrameTelemetry(gate?: FrameGate, minIntervalMs = 0): FrameTelemetry {
  const { telemetry } = useRealtime();
  const [shown, setShown] = useState<FrameTelemetry>(() => ({
    ...telemetry.getState(),
    changed: 'all',
    since: -1,
  }));
  useEffect(() => {
    const changes = new ChangeAccumulator();
    let frame: number | null = null;
    let waiting = false;
    let stopped = false;
    let since = -1;
    let lastAt = 0;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const flush = () => {
      frame = null;
      lastAt = Date.now();
      gate?.handedOver();
      const { values, version } = telemetry.getState();
      setShown({ values, version, changed: changes.take() ?? 'all', since });
      since = version;
    };
    const request = () => {
      waiting = false;
      if (!stopped) frame ??= requestAnimationFrame(flush);
    };
    const handOver = () => {
      timer = null;
      if (gate) gate.whenIdle(request);
      else request();
    };
    const schedule = () => {
      if (frame !== null || waiting) return;
      waiting = true;
      const early = lastAt + minIntervalMs - Date.now();
      if (early > 0) timer = setTimeout(handOver, early);
      else handOver();
    };
    const off = telemetry.subscribe(() => {
      changes.add(telemetry.getState().changed);
      schedule();
    });
    // Values that came between the first render and this subscription.
    changes.add('all');
    schedule();
    return () => {
      stopped = true;
      off();
      if (frame !== null) cancelAnimationFrame(frame);
      if (timer !== null) clearTimeout(timer);
    };
  }, [telemetry, gate, minIntervalMs]);
  return shown;
}
