'use client';
import { useLocale } from 'next-intl';
import { useMemo } from 'react';
import type { FormatNumber } from './layers/types';

/** How many formatted numbers each decimals' cache keeps before it starts again. */
const FORMATTED_CACHE = 5_000;

/**
 * The locale's number format with fixed decimals. One Intl.NumberFormat per decimals, made once, and
 * the text of each number kept: a scaled city formats ten thousand values a second, and formatting
 * costs more than the rest of a feature's readout, while a sensor's values repeat (0.1 steps of a
 * bounded range).
 */
export function useNumberFormat(): FormatNumber {
  const locale = useLocale();
  return useMemo(() => {
    const formats = new Map<number, { format: Intl.NumberFormat; texts: Map<number, string> }>();
    return (value: number, decimals: number) => {
      let entry = formats.get(decimals);
      if (!entry) {
        const format = new Intl.NumberFormat(locale, {
          minimumFractionDigits: decimals,
          maximumFractionDigits: decimals,
        });
        entry = { format, texts: new Map() };
        formats.set(decimals, entry);
      }
      let text = entry.texts.get(value);
      if (text === undefined) {
        if (entry.texts.size >= FORMATTED_CACHE) entry.texts.clear();
        text = entry.format.format(value);
        entry.texts.set(value, text);
      }
      return text;
    };
  }, [locale]);
}
