import type { Database, Queryable } from '../database';

/** How long each resolution is kept; null keeps it for ever. */
export interface RetentionSettings {
  rawDays: number | null;
  hourDays: number | null;
}

const RELATIONS = { rawDays: 'readings', hourDays: 'readings_1h' } as const;

export async function readRetention(db: Queryable): Promise<RetentionSettings> {
  const { rows } = await db.query<{ relation: string; days: number | null }>(
    `SELECT relation, extract(epoch FROM keep) / 86400 AS days FROM retention_settings`,
  );
  const days = (relation: string) => {
    const value = rows.find((row) => row.relation === relation)?.days;
    return value === null || value === undefined ? null : Number(value);
  };
  return { rawDays: days('readings'), hourDays: days('readings_1h') };
}

/**
 * Changes how long data is kept. On TimescaleDB the retention policies are replaced to match; on plain
 * PostgreSQL the maintenance job reads the settings on each run.
 */
export async function setRetention(
  db: Database,
  changes: Partial<RetentionSettings>,
): Promise<RetentionSettings> {
  await db.transaction((tx) => applyRetention(tx, changes));
  return readRetention(db);
}

/** setRetention in the caller's transaction, so an admin's change and its audit row commit together. */
export async function applyRetention(tx: Queryable, changes: Partial<RetentionSettings>): Promise<void> {
  const { rows } = await tx.query<{ present: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb') AS present`,
  );
  const timescale = rows[0]?.present === true;
  for (const [key, relation] of Object.entries(RELATIONS) as [keyof RetentionSettings, string][]) {
    if (!(key in changes)) continue;
    const days = changes[key];
    if (days !== null && days !== undefined && !(Number.isFinite(days) && days > 0)) {
      throw new RangeError(
        `retention ${key}: expected a number of days above 0, or null to keep for ever (got ${days})`,
      );
    }
    const keep = days === null || days === undefined ? null : `${days} days`;
    await tx.query(
      'UPDATE retention_settings SET keep = $2::interval, updated_at = now() WHERE relation = $1',
      [relation, keep],
    );
    if (timescale) {
      await tx.query('SELECT remove_retention_policy($1::regclass, if_exists => true)', [relation]);
      if (keep) await tx.query('SELECT add_retention_policy($1::regclass, $2::interval)', [relation, keep]);
    }
  }
}
