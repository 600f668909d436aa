'use client';
import { useFormatter } from 'next-intl';
import { useEffect, useState } from 'react';

/** Wall clock in the city's time and 24 hours, rendered only in the browser so server and client markup agree. */
export function Clock() {
  const format = useFormatter();
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, []);
  return <time className="clock">{now ? format.dateTime(now, 'clock') : '--:--:--'}</time>;
}
