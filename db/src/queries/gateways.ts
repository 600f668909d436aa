import type { GatewayStatus } from '@city/domain';
import type { Queryable } from '../database';

/** A gateway's heartbeat: registers it on first contact, then updates what it reports. */
export async function recordGatewayHeartbeat(
  db: Queryable,
  status: Omit<GatewayStatus, 'lastSeen'>,
): Promise<void> {
  await db.query(
    `INSERT INTO gateways (id, name, cabinet_id, version, last_seen, buffer_depth, oldest_unsent_ms)
     VALUES ($1, $2, $3, $4, now(), $5, $6)
     ON CONFLICT (id) DO UPDATE SET
       name = excluded.name, cabinet_id = excluded.cabinet_id, version = excluded.version,
       last_seen = excluded.last_seen, buffer_depth = excluded.buffer_depth,
       oldest_unsent_ms = excluded.oldest_unsent_ms, updated_at = now()`,
    [status.id, status.name, status.cabinetId, status.version, status.bufferDepth, status.oldestUnsentMs],
  );
}

interface GatewayRow {
  id: string;
  name: string;
  cabinet_id: string | null;
  version: string;
  last_seen: Date;
  buffer_depth: number;
  oldest_unsent_ms: number | null;
}

export async function listGateways(db: Queryable): Promise<GatewayStatus[]> {
  const { rows } = await db.query<GatewayRow>(
    'SELECT id, name, cabinet_id, version, last_seen, buffer_depth, oldest_unsent_ms FROM gateways ORDER BY id',
  );
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    cabinetId: row.cabinet_id,
    version: row.version,
    lastSeen: row.last_seen.getTime(),
    bufferDepth: row.buffer_depth,
    oldestUnsentMs: row.oldest_unsent_ms,
  }));
}
