'use client';
import type { LatestValue } from '@city/domain';
import { useEffect, useRef, useState } from 'react';

interface Live {
  values: ReadonlyMap<string, LatestValue>;
  version: number;
}

/**
 * The live values as the map draws them: at most once per animation frame. Gateways commit in several
 * batches a second and each is a telemetry frame; on a slow screen (software WebGL, a 10,000-feature
 * city) recomputing the map's attributes for each would queue work behind work. The newest values
 * always win, so nothing shown is older than one frame.
 */
export function useFrameCoalesced(values: ReadonlyMap<string, LatestValue>, version: number): Live {
  const [shown, setShown] = useState<Live>({ values, version });
  const latest = useRef<Live>({ values, version });
  latest.current = { values, version };
  const pending = useRef<number | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new version is the trigger; the values travel in the ref
  useEffect(() => {
    if (pending.current !== null) return;
    pending.current = requestAnimationFrame(() => {
      pending.current = null;
      setShown(latest.current);
    });
  }, [version]);
  useEffect(
    () => () => {
      if (pending.current !== null) cancelAnimationFrame(pending.current);
    },
    [],
  );
  return shown;
}
