import {
  ALARM_RULES_NOTIFY_CHANNEL,
  type AlarmRule,
  AlarmRuleSchema,
  type LocalizedText,
} from '@city/domain';
import type { Queryable } from '../database';

/** The alarm rules as stored: limits, delays and priority per target. Changes are announced to the evaluating instance. */
interface RuleRow {
  id: string;
  /** name and message are jsonb, { nl, en } (migration 0016). */
  name: LocalizedText;
  kind: AlarmRule['kind'];
  channel_id: string | null;
  asset_kind: string | null;
  metric: string | null;
  scope: 'gateways' | 'devices' | null;
  limit_value: number;
  deadband: number;
  on_delay_ms: number;
  off_delay_ms: number;
  priority: number;
  message: LocalizedText;
  reference: string;
  enabled: boolean;
}

const toRule = (row: RuleRow): AlarmRule =>
  AlarmRuleSchema.parse({
    id: row.id,
    name: row.name,
    kind: row.kind,
    target: row.channel_id
      ? { channelId: row.channel_id }
      : row.scope
        ? { scope: row.scope }
        : { assetKind: row.asset_kind, metric: row.metric },
    limit: row.limit_value,
    deadband: row.deadband,
    onDelayMs: row.on_delay_ms,
    offDelayMs: row.off_delay_ms,
    priority: row.priority,
    message: row.message,
    reference: row.reference,
    enabled: row.enabled,
  });

export async function listAlarmRules(db: Queryable): Promise<AlarmRule[]> {
  const { rows } = await db.query<RuleRow>('SELECT * FROM alarm_rules ORDER BY id');
  return rows.map(toRule);
}

/** Tells every evaluating instance that rules changed; it reloads them at once. */
async function announceRulesChanged(db: Queryable): Promise<void> {
  await db.query('SELECT pg_notify($1, $2)', [ALARM_RULES_NOTIFY_CHANNEL, '']);
}

/**
 * Creates or replaces rules by id, and announces the change; with keepExisting, a rule whose id is
 * there already is left as it is (defaults shipped with a city must not undo an operator's edits at
 * every start).
 */
export async function upsertAlarmRules(
  db: Queryable,
  rules: readonly AlarmRule[],
  options: { keepExisting?: boolean } = {},
): Promise<void> {
  if (rules.length === 0) return;
  const rows = rules.map((rule) => ({
    id: rule.id,
    name: rule.name,
    kind: rule.kind,
    channel_id: 'channelId' in rule.target ? rule.target.channelId : null,
    asset_kind: 'assetKind' in rule.target ? rule.target.assetKind : null,
    metric: 'metric' in rule.target ? rule.target.metric : null,
    scope: 'scope' in rule.target ? rule.target.scope : null,
    limit_value: rule.limit,
    deadband: rule.deadband,
    on_delay_ms: rule.onDelayMs,
    off_delay_ms: rule.offDelayMs,
    priority: rule.priority,
    message: rule.message,
    reference: rule.reference,
    enabled: rule.enabled,
  }));
  await db.query(
    `INSERT INTO alarm_rules (id, name, kind, channel_id, asset_kind, metric, scope, limit_value, deadband,
                              on_delay_ms, off_delay_ms, priority, message, reference, enabled)
     SELECT r.* FROM jsonb_to_recordset($1::jsonb) AS r(
       id text, name jsonb, kind text, channel_id text, asset_kind text, metric text, scope text, limit_value float8,
       deadband float8, on_delay_ms int, off_delay_ms int, priority smallint, message jsonb,
       reference text, enabled boolean)
     ON CONFLICT (id) DO ${
       options.keepExisting
         ? 'NOTHING'
         : `UPDATE SET
       name = excluded.name, kind = excluded.kind, channel_id = excluded.channel_id,
       asset_kind = excluded.asset_kind, metric = excluded.metric, scope = excluded.scope, limit_value = excluded.limit_value,
       deadband = excluded.deadband, on_delay_ms = excluded.on_delay_ms, off_delay_ms = excluded.off_delay_ms,
       priority = excluded.priority, message = excluded.message, reference = excluded.reference,
       enabled = excluded.enabled, updated_at = now()`
     }`,
    [JSON.stringify(rows)],
  );
  await announceRulesChanged(db);
}

/** Deletes a rule and its alarms, and announces it; false when there was no such rule. */
export async function deleteAlarmRule(db: Queryable, id: string): Promise<boolean> {
  const { rowCount } = await db.query('DELETE FROM alarm_rules WHERE id = $1', [id]);
  if (rowCount > 0) await announceRulesChanged(db);
  return rowCount > 0;
}
