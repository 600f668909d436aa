import type { Queryable } from '../database';

/** NOTIFY channel on which a new setpoint command is announced (payload: its channel id). */
export const SETPOINTS_NOTIFY_CHANNEL = 'city_setpoints';

export type SetpointStatus = 'pending' | 'executing' | 'done' | 'failed' | 'rejected' | 'expired';

export interface SetpointRequest {
  channelId: string;
  value: number;
  requestedBy: string;
  note?: string | undefined;
  /** How long it may wait for its gateway; past this it is never carried out. */
  validForMs: number;
}

export interface SetpointCommand {
  id: number;
  channelId: string;
  value: number;
  requestedBy: string;
  note: string | null;
  requestedAt: Date;
  expiresAt: Date;
  status: SetpointStatus;
  gatewayId: string | null;
  readBack: number | null;
  outcome: string | null;
  completedAt: Date | null;
}

interface Row {
  id: string;
  channel_id: string;
  value: number;
  requested_by: string;
  note: string | null;
  requested_at: Date;
  expires_at: Date;
  status: SetpointStatus;
  gateway_id: string | null;
  read_back: number | null;
  outcome: string | null;
  completed_at: Date | null;
}

const toCommand = (row: Row): SetpointCommand => ({
  id: Number(row.id),
  channelId: row.channel_id,
  value: row.value,
  requestedBy: row.requested_by,
  note: row.note,
  requestedAt: row.requested_at,
  expiresAt: row.expires_at,
  status: row.status,
  gatewayId: row.gateway_id,
  readBack: row.read_back,
  outcome: row.outcome,
  completedAt: row.completed_at,
});

/** Records an operator's command; the gateway feeding the channel carries it out. */
export async function requestSetpoint(db: Queryable, request: SetpointRequest): Promise<SetpointCommand> {
  if (!Number.isFinite(request.value))
    throw new RangeError(`setpoint value must be a finite number, got ${request.value}`);
  if (!(request.validForMs > 0))
    throw new RangeError(`validForMs must be above 0, got ${request.validForMs}`);
  const { rows } = await db.query<Row>(
    `INSERT INTO setpoint_commands (channel_id, value, requested_by, note, expires_at)
     VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5::float8 / 1000.0))
     RETURNING *`,
    [request.channelId, request.value, request.requestedBy, request.note ?? null, request.validForMs],
  );
  return toCommand(rows[0] as Row);
}

/**
 * Takes the open commands for these channels for one gateway, oldest first: commands past their
 * expiry are marked expired instead, in the same statement, so they can never be carried out.
 */
export async function claimSetpoints(
  db: Queryable,
  gatewayId: string,
  channelIds: readonly string[],
): Promise<SetpointCommand[]> {
  const { rows } = await db.query<Row>(
    `WITH open AS (
       SELECT id FROM setpoint_commands
        WHERE status = 'pending' AND channel_id = ANY ($2::text[])
        ORDER BY id
        FOR UPDATE SKIP LOCKED
     )
     UPDATE setpoint_commands s
        SET status = CASE WHEN s.expires_at <= now() THEN 'expired' ELSE 'executing' END,
            gateway_id = $1,
            outcome = CASE WHEN s.expires_at <= now() THEN 'expired before the gateway could carry it out' END,
            completed_at = CASE WHEN s.expires_at <= now() THEN now() END
       FROM open WHERE s.id = open.id
     RETURNING s.*`,
    [gatewayId, [...channelIds]],
  );
  return rows
    .map(toCommand)
    .filter((command) => command.status === 'executing')
    .sort((a, b) => a.id - b.id);
}

/** Records what came of a command the gateway took. */
export async function completeSetpoint(
  db: Queryable,
  id: number,
  result: { status: 'done' | 'failed' | 'rejected'; outcome: string; readBack?: number | null },
): Promise<void> {
  await db.query(
    `UPDATE setpoint_commands SET status = $2, outcome = $3, read_back = $4, completed_at = now()
      WHERE id = $1 AND status = 'executing'`,
    [id, result.status, result.outcome, result.readBack ?? null],
  );
}

export async function readSetpoint(db: Queryable, id: number): Promise<SetpointCommand | undefined> {
  const { rows } = await db.query<Row>('SELECT * FROM setpoint_commands WHERE id = $1', [id]);
  return rows[0] ? toCommand(rows[0]) : undefined;
}
