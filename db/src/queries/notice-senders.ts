import type { LatestValue } from '@city/domain';
import type { Database } from '../database';

/** Who sent a notice, and which channels that role may write. */
export interface SenderScope {
  /** The role the sending session logged in as. */
  role: string;
  /** The gateway that role speaks for, if it is a gateway's own role. */
  gatewayId: string | null;
  /** Every channel (null: the role writes readings itself), or only these ids (a gateway's own). */
  channels: ReadonlySet<string> | null;
}

/** Whether a role that sent a notice may write this channel's readings. */
export function mayAnnounce(scope: SenderScope, channelId: string): boolean {
  return scope.channels === null || scope.channels.has(channelId);
}

interface SenderRow {
  role: string;
  direct: boolean;
  gateway_id: string | null;
  channels: string[] | null;
}

/**
 * The role behind a session is public in pg_stat_activity (its query text is not). A role that may
 * insert into readings writes every channel; a gateway's role only its own; any other none.
 */
const SENDER_SQL = `
  SELECT a.usename AS role,
         has_table_privilege(a.usesysid, 'readings', 'INSERT') AS direct,
         g.gateway_id,
         CASE WHEN g.gateway_id IS NOT NULL THEN
           (SELECT coalesce(array_agg(c.id), '{}') FROM channels c WHERE c.source->>'gatewayId' = g.gateway_id)
         END AS channels
    FROM pg_stat_activity a LEFT JOIN gateway_roles g ON g.role_name = a.usename
   WHERE a.pid = $1 AND a.usesysid IS NOT NULL`;

/** How long a sender's scope is trusted before it is looked up again (channels move between gateways). */
const SCOPE_TTL_MS = 30_000;

/**
 * Maps a notice's sender (its backend pid) to the role's scope, cached per pid, so the fast path
 * costs no read per notice. A pid is a process id: PostgreSQL hands one to each new session, and
 * Linux hands out pids in turn up to pid_max before reusing one, so within the cache's lifetime a
 * pid names one session. A session gone before it was looked up has no scope (undefined).
 */
export class NoticeSenders {
  private readonly byPid = new Map<number, { scope: SenderScope; until: number }>();

  constructor(
    private readonly db: Database,
    private readonly now: () => number = Date.now,
    private readonly ttlMs = SCOPE_TTL_MS,
  ) {}

  /** The cached scope of this sender, if it is fresh: no database round trip. */
  cached(pid: number): SenderScope | undefined {
    const entry = this.byPid.get(pid);
    if (entry && entry.until > this.now()) return entry.scope;
    if (entry) this.byPid.delete(pid);
    return undefined;
  }

  /** Looks the sender up; undefined when no such session exists any more. */
  async lookUp(pid: number): Promise<SenderScope | undefined> {
    const { rows } = await this.db.query<SenderRow>(SENDER_SQL, [pid]);
    const row = rows[0];
    if (!row) return undefined;
    const scope: SenderScope = {
      role: row.role,
      gatewayId: row.gateway_id,
      channels: row.direct ? null : new Set(row.channels ?? []),
    };
    this.byPid.set(pid, { scope, until: this.now() + this.ttlMs });
    return scope;
  }
}

/**
 * Which of these values are committed readings: the fallback for a notice whose sender could not be
 * looked up (its session ended first). A value counts only if readings holds it, as announced.
 */
export async function committedValues(db: Database, values: readonly LatestValue[]): Promise<boolean[]> {
  if (values.length === 0) return [];
  const { rows } = await db.query<{ n: number }>(
    `SELECT v.n::int AS n
       FROM unnest($1::text[], $2::float8[], $3::float8[]) WITH ORDINALITY AS v(id, time_ms, value, n)
       JOIN channels c ON c.id = v.id
       JOIN readings r ON r.channel = c.num AND r.time = to_timestamp(v.time_ms / 1000.0)
      WHERE r.value IS NOT DISTINCT FROM v.value`,
    [values.map((v) => v.channelId), values.map((v) => v.sourceTime), values.map((v) => v.value)],
  );
  const found = new Set(rows.map((row) => row.n));
  return values.map((_, i) => found.has(i + 1));
}
