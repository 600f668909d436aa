import type { Reading } from '@city/domain';
import type { Database, Queryable } from '../../database';
import { toStoredStatus } from '../status';
import { latestWriter } from './latest-writer';
import { announce, type NoticeRow, noticePayloads } from './notices';

interface StoredRow {
  channel_id: string | null;
  num: number | null;
  time_ms: number | null;
  value: number | null;
  status_code: number | null;
  server_ms: number | null;
  inserted_count: number;
  unknown_count: number;
  foreign_count: number;
}

/** The newest value of one channel as the notice carries it. */
function noticeRow(row: StoredRow): NoticeRow {
  return {
    channel_id: row.channel_id,
    time: row.time_ms === null ? null : new Date(Math.round(row.time_ms)),
    value: row.value,
    status_code: row.status_code,
    server_time: row.server_ms === null ? null : new Date(row.server_ms),
  };
}

/**
 * Whether this database's role writes readings itself (the schema's owner, an operator, the embedded
 * database) or is a gateway's own role, which holds no privilege on readings and stores through
 * store_gateway_readings() (migration 0012 says why). Asked once per database.
 */
const writesDirectly = new WeakMap<Database, Promise<boolean>>();

export function mayWriteReadings(db: Database): Promise<boolean> {
  let answer = writesDirectly.get(db);
  if (!answer) {
    answer = db
      .query<{ direct: boolean }>(`SELECT has_table_privilege('readings', 'INSERT') AS direct`)
      .then(({ rows }) => rows[0]?.direct === true);
    // A failed question (the server away) is asked again with the next batch.
    answer.catch(() => writesDirectly.delete(db));
    writesDirectly.set(db, answer);
  }
  return answer;
}

export interface GatewayStored {
  inserted: number;
  unknown: number;
  foreign: number;
  /** The newest stored reading per channel, for latest_readings once the transaction commits. */
  newest: StoredRow[];
}

/**
 * A gateway role's batch: stored idempotently like the upsert path, by the database's function,
 * which stores only the readings of this role's own channels. Readings of another gateway's channels
 * are neither stored nor quarantined (the role may write neither); they are counted as `foreign`.
 */
export async function storeAsGateway(
  tx: Queryable,
  accepted: readonly Reading[],
  numbers: readonly (number | null)[],
): Promise<GatewayStored> {
  if (accepted.length === 0) return { inserted: 0, unknown: 0, foreign: 0, newest: [] };
  const { rows } = await tx.query<StoredRow>(
    'SELECT * FROM store_gateway_readings($1::int4[], $2::text[], $3::float8[], $4::float8[], $5::int4[])',
    [
      numbers,
      // An id only where there is no number: the database resolves it, or quarantines it.
      accepted.map((r, i) => (numbers[i] === null ? r.channelId : null)),
      accepted.map((r) => r.sourceTime.getTime()),
      accepted.map((r) => r.value),
      accepted.map((r) => toStoredStatus(r.statusCode)),
    ],
  );
  await announce(tx, noticePayloads(rows.map(noticeRow)));
  const counts = rows[0];
  return {
    inserted: counts?.inserted_count ?? 0,
    unknown: counts?.unknown_count ?? 0,
    foreign: counts?.foreign_count ?? 0,
    newest: rows,
  };
}

/** Hands the committed newest values to the write-behind writer, as the owner's COPY path does. */
export function keepGatewayNewest(db: Database, newest: readonly StoredRow[]): void {
  const writer = latestWriter(db, 'gateway');
  for (const row of newest) {
    if (row.num === null || row.time_ms === null || row.server_ms === null) continue;
    writer.note(row.num, {
      timeMs: Math.round(row.time_ms),
      value: row.value,
      storedStatus: row.status_code ?? 0,
      serverTimeMs: row.server_ms,
    });
  }
}
