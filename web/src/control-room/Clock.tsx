'use client';
import { useEffect, useState } from 'react';
import { formatClock } from './readout';

/** Wall clock, rendered only in the browser so server and client markup agree. */
export function Clock() {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, []);
  return <time className="clock">{now ? formatClock(now) : '--:--:--'}</time>;
}
