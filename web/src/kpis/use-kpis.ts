'use client';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTRPC } from '../data/trpc';
import { PERIODS, type Period } from './rate-series';

/**
 * Whole minutes, so a period asked twice within a minute is the same query; rounded up, so an alarm
 * of the last few seconds is in it.
 */
const periodOf = (period: Period) => {
  const to = Math.ceil(Date.now() / 60_000) * 60_000;
  return { from: new Date(to - PERIODS[period].ms), to: new Date(to) };
};

/**
 * The EEMUA 191 figures over a period, as alarms.kpis computes them, with the count of every
 * 10-minute window for the rate chart (`perTenMinutes`).
 */
export function useKpis(period: Period) {
  const trpc = useTRPC();
  const range = periodOf(period);
  return useQuery({
    ...trpc.alarms.kpis.queryOptions({ from: range.from, to: range.to }),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
}
