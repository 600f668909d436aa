import { type SearchHit, searchCity } from '@city/db';
import { z } from 'zod';
import { router, viewProcedure } from './init';

/** The most hits one call returns: a header's drop-down shows a screenful, not a report. */
export const SEARCH_MAX_HITS = 50;

const QueryInput = z.strictObject({
  /** What was typed in the console header; `%` and `_` are matched as themselves. */
  text: z
    .string()
    .trim()
    .min(1, 'type something to search for')
    .max(100, 'a search is at most 100 characters'),
  limit: z.int().min(1).max(SEARCH_MAX_HITS, `at most ${SEARCH_MAX_HITS} hits per call`).default(20),
});

export const searchRouter = router({
  /**
   * Assets, channels and alarms by id or name, best first (exact id or name, then what starts with
   * the text, then a word that starts with it, then anywhere), case and accents ignored.
   */
  query: viewProcedure.input(QueryInput).query(
    async ({ ctx, input }): Promise<{ hits: SearchHit[] }> => ({
      hits: await searchCity(ctx.db, input),
    }),
  ),
});
