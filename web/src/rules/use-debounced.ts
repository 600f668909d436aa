'use client';
import { useEffect, useState } from 'react';

/** The value as it stood `ms` after it last changed: a preview asks once the typing stops. */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}
