'use client';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTRPC, useTRPCClient } from '../data/trpc';
import { PERIODS, type Period } from './rate-series';

/** The journal is read a page at a time; past this many activations the chart says it is cut short. */
const JOURNAL_PAGE = 10_000;
const MAX_PAGES = 10;

/**
 * Whole minutes, so a period asked twice within a minute is the same query; rounded up, so an alarm
 * of the last few seconds is in it.
 */
const periodOf = (period: Period) => {
  const to = Math.ceil(Date.now() / 60_000) * 60_000;
  return { from: new Date(to - PERIODS[period].ms), to: new Date(to) };
};

/** The EEMUA 191 figures over a period, as alarms.kpis computes them. */
export function useKpis(period: Period) {
  const trpc = useTRPC();
  const range = periodOf(period);
  return useQuery({
    ...trpc.alarms.kpis.queryOptions({ from: range.from, to: range.to }),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
}

/**
 * When each alarm activated in the period, from the journal (the KPIs give the average and the peak,
 * the chart wants every 10-minute window). Paged by seq; `truncated` when the period held more.
 */
export function useActivations(period: Period) {
  const client = useTRPCClient();
  return useQuery({
    queryKey: ['kpis.activations', period],
    queryFn: async ({ signal }) => {
      const { from, to } = periodOf(period);
      const activatedAt: number[] = [];
      let afterSeq: number | undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        const rows = await client.alarms.journal.query(
          { from, to, afterSeq, limit: JOURNAL_PAGE },
          { signal },
        );
        for (const row of rows) if (row.event === 'activated') activatedAt.push(row.at);
        if (rows.length < JOURNAL_PAGE)
          return { from: from.getTime(), to: to.getTime(), activatedAt, truncated: false };
        afterSeq = rows[rows.length - 1]?.seq;
      }
      return { from: from.getTime(), to: to.getTime(), activatedAt, truncated: true };
    },
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
}
