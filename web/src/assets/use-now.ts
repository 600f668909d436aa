'use client';
import { useEffect, useState } from 'react';

/** The time, renewed every `everyMs`: ages on screen count up without new data arriving. */
export function useNow(everyMs = 1_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
