import type { Database } from '../../database';

/** How often ids the gateway has no number for are looked up again (a channel registered meanwhile). */
const MISSING_RETRY_MS = 10_000;

/**
 * The numbers of a gateway role's own channels, remembered per database like the owner's channel
 * numbers (channel-numbers.ts): a steady stream of batches then sends numbers, not ids to look up.
 * An id not among them (not registered yet, or another gateway's) goes to the database as an id,
 * which quarantines or refuses it; they are looked up again at most every ten seconds.
 */
class GatewayNumbers {
  private readonly byId = new Map<string, number>();
  private fetchedAtMs = Number.NEGATIVE_INFINITY;

  async numbersOf(db: Database, channelIds: readonly string[]): Promise<(number | null)[]> {
    const missing = channelIds.some((id) => !this.byId.has(id));
    if (missing && Date.now() - this.fetchedAtMs >= MISSING_RETRY_MS) {
      const { rows } = await db.query<{ id: string; num: number }>(
        'SELECT id, num FROM field_gateway_channel_numbers()',
      );
      this.byId.clear();
      for (const row of rows) this.byId.set(row.id, row.num);
      this.fetchedAtMs = Date.now();
    }
    return channelIds.map((id) => this.byId.get(id) ?? null);
  }
}

const perDatabase = new WeakMap<Database, GatewayNumbers>();

export function gatewayNumbers(db: Database): GatewayNumbers {
  let numbers = perDatabase.get(db);
  if (!numbers) {
    numbers = new GatewayNumbers();
    perDatabase.set(db, numbers);
  }
  return numbers;
}
