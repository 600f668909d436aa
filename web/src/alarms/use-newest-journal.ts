'use client';
import type { AlarmTransition } from '@city/domain';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useRef } from 'react';
import { useTRPC } from '../data/trpc';

/** Entries per page: a screenful of the journal; older ones come a page at a time on request. */
export const JOURNAL_PAGE = 50;

export type JournalSubject = { alarmId: string } | { assetId: string };

export interface NewestJournal {
  /** Newest first, every page loaded so far. */
  entries: AlarmTransition[];
  loaded: boolean;
  error: { message: string } | null;
  /** Whether the journal goes back further than what is shown. */
  hasOlder: boolean;
  loadingOlder: boolean;
  loadOlder: () => void;
}

/**
 * An alarm's or an asset's journal newest first (alarms.newestJournal), older pages on request.
 * `newestSeq` is the newest seq of the alarms concerned, as the realtime store has them: when it
 * moves on, a transition was journaled, and the loaded pages are read again (by seq cursor, so an
 * entry neither repeats nor goes missing across pages).
 */
export function useNewestJournal(subject: JournalSubject, newestSeq: number): NewestJournal {
  const trpc = useTRPC();
  const journal = useInfiniteQuery(
    trpc.alarms.newestJournal.infiniteQueryOptions(
      { ...subject, limit: JOURNAL_PAGE },
      { getNextPageParam: (page) => page.older ?? undefined },
    ),
  );
  const { refetch, fetchNextPage } = journal;
  const seen = useRef(newestSeq);
  useEffect(() => {
    if (newestSeq <= seen.current) return;
    seen.current = newestSeq;
    void refetch();
  }, [newestSeq, refetch]);
  const entries = useMemo(() => journal.data?.pages.flatMap((page) => page.entries) ?? [], [journal.data]);
  return {
    entries,
    loaded: journal.data !== undefined,
    error: journal.error,
    hasOlder: journal.hasNextPage,
    loadingOlder: journal.isFetchingNextPage,
    loadOlder: () => void fetchNextPage(),
  };
}
