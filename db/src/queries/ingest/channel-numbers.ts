import type { Database } from '../../database';

/**
 * Channel ids resolved to the compact numbers readings are stored under, remembered per database so
 * a gateway's steady stream of batches costs no lookups. Numbers come from an identity column and are
 * never handed out twice, so a remembered number can only go stale by its channel being deleted;
 * channel_deletions counts those, and a count other than the one seen at lookup means forget all.
 */
class ChannelNumbers {
  private readonly known = new Map<string, number>();
  /** channel_deletions.count when the remembered numbers were looked up. */
  deletionsSeen: number | undefined;

  async resolve(db: Database, channelIds: Iterable<string>): Promise<ReadonlyMap<string, number>> {
    const missing = [...new Set(channelIds)].filter((id) => !this.known.has(id));
    if (missing.length === 0) return this.known;
    const { rows } = await db.query<{ id: string | null; num: number | null; deletions: string }>(
      `SELECT c.id, c.num, (SELECT count FROM channel_deletions)::text AS deletions
         FROM unnest($1::text[]) AS wanted (id) LEFT JOIN channels c ON c.id = wanted.id`,
      [missing],
    );
    const deletions = Number(rows[0]?.deletions ?? 0);
    if (this.deletionsSeen !== undefined && deletions !== this.deletionsSeen) {
      this.forget();
      return this.resolve(db, channelIds);
    }
    this.deletionsSeen = deletions;
    for (const row of rows) if (row.id !== null && row.num !== null) this.known.set(row.id, row.num);
    return this.known;
  }

  forget(): void {
    this.known.clear();
    this.deletionsSeen = undefined;
  }
}

const perDatabase = new WeakMap<Database, ChannelNumbers>();

export function channelNumbers(db: Database): ChannelNumbers {
  let numbers = perDatabase.get(db);
  if (!numbers) {
    numbers = new ChannelNumbers();
    perDatabase.set(db, numbers);
  }
  return numbers;
}
