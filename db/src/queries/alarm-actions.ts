import type { Queryable } from '../database';
import type { AuditActor } from './audit';

/** NOTIFY channel on which a relayed alarm action is announced (payload: its id). */
export const ALARM_ACTIONS_NOTIFY_CHANNEL = 'city_alarm_actions';

export interface RelayedAlarmAction {
  id: number;
  alarmId: string;
  actor: string;
  /** Who asked, as the instance that took the request knew them: the audit row is written as them. */
  requestedBy: AuditActor | null;
  action: unknown;
  status: 'pending' | 'executing' | 'done' | 'refused';
  message: string | null;
}

interface Row {
  id: string;
  alarm_id: string;
  actor: string;
  requested_by: AuditActor | null;
  action: unknown;
  status: RelayedAlarmAction['status'];
  message: string | null;
}

const toAction = (row: Row): RelayedAlarmAction => ({
  id: Number(row.id),
  alarmId: row.alarm_id,
  actor: row.actor,
  requestedBy: row.requested_by,
  action: row.action,
  status: row.status,
  message: row.message,
});

/** Leaves an action for the evaluating instance and tells it; returns the action's id. */
export async function requestAlarmAction(
  db: Queryable,
  request: { alarmId: string; by: AuditActor; action: unknown },
): Promise<number> {
  const { rows } = await db.query<{ id: string }>(
    `WITH added AS (
       INSERT INTO alarm_actions (alarm_id, actor, requested_by, action) VALUES ($1, $2, $3::jsonb, $4::jsonb) RETURNING id)
     SELECT id, pg_notify($5, id::text) FROM added`,
    [
      request.alarmId,
      request.by.name,
      JSON.stringify(request.by),
      JSON.stringify(request.action),
      ALARM_ACTIONS_NOTIFY_CHANNEL,
    ],
  );
  return Number(rows[0]?.id);
}

/** An action nobody carried out within this long is refused: an operator's intent goes stale. */
export const ALARM_ACTION_EXPIRY_S = 30;

/** Takes every pending action, oldest first, so that each is carried out once; stale ones are refused. */
export async function claimAlarmActions(db: Queryable): Promise<RelayedAlarmAction[]> {
  await db.query(
    `UPDATE alarm_actions SET status = 'refused', completed_at = now(),
            message = 'not carried out within ${ALARM_ACTION_EXPIRY_S} s (no instance evaluated alarms); ask again'
      WHERE status = 'pending' AND requested_at < now() - make_interval(secs => ${ALARM_ACTION_EXPIRY_S})`,
  );
  const { rows } = await db.query<Row>(
    `UPDATE alarm_actions SET status = 'executing'
      WHERE id IN (SELECT id FROM alarm_actions WHERE status = 'pending' ORDER BY id FOR UPDATE SKIP LOCKED)
      RETURNING id, alarm_id, actor, requested_by, action, status, message`,
  );
  return rows.map(toAction).sort((a, b) => a.id - b.id);
}

/** Records how a claimed action went: done, or refused with the reason. */
export async function completeAlarmAction(
  db: Queryable,
  id: number,
  outcome: { status: 'done' | 'refused'; message: string | null },
): Promise<void> {
  await db.query('UPDATE alarm_actions SET status = $2, message = $3, completed_at = now() WHERE id = $1', [
    id,
    outcome.status,
    outcome.message,
  ]);
}

export async function readAlarmAction(db: Queryable, id: number): Promise<RelayedAlarmAction | undefined> {
  const { rows } = await db.query<Row>(
    'SELECT id, alarm_id, actor, requested_by, action, status, message FROM alarm_actions WHERE id = $1',
    [id],
  );
  return rows[0] ? toAction(rows[0]) : undefined;
}
