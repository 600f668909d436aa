'use client';
import { type RefObject, useEffect, useState } from 'react';

/**
 * An element's width in CSS pixels, kept up to date: the chart draws in real pixels, so its labels
 * stay 15 px on a tablet instead of shrinking with a scaled viewBox.
 */
export function useWidth(ref: RefObject<Element | null>, initial: number): number {
  const [width, setWidth] = useState(initial);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(Math.round(entry.contentRect.width));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}
