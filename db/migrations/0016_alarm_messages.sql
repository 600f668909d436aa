-- Alarm messages as a key plus parameters, so the journal reads in Dutch and in English: an alarm's
-- message becomes jsonb {"key": "alarm.high", "params": {ruleId, asset, assetId, channel, metric, unit,
-- value, limit}} (AlarmMessage in @city/domain), worded by whoever shows it. No sentence is stored.
-- A rule's name and message template become {"nl": …, "en": …}. Each journal row also keeps the alarm
-- as it stood right after it (jsonb, an Alarm less its seq, which is the row's), so a transition
-- replayed to a screen carries it as a live one does.
--
-- What rows from before show: a rule's old name and template stand as its Dutch and its English text
-- until someone translates them. An old alarm message gets its key from its rule's kind and its
-- parameters from the rule, channel, asset or gateway as they stand now, with the row's own value.
-- A journal row whose rule was deleted before this upgrade names its rule id and value truly, but
-- its kind is unknown: it shows as 'alarm.gateway-silent' / 'alarm.device-silent' for a
-- communications subject and 'alarm.high' otherwise, with limit 0. The alarm an old journal row
-- keeps is rebuilt from the alarm's transitions up to it: a shelve then shows as one-shot (the
-- journal did not say which kind, nor until when).

-- Only for this migration: the message an old row stands for. A subject is "<asset>/<metric>", or
-- "<gateway or device>/comms" for a communications alarm.
CREATE FUNCTION city_0016_alarm_message(p_rule_id text, p_subject text, p_value double precision)
RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object(
    'key', CASE
      WHEN r.kind = 'no-data' AND r.scope = 'gateways' THEN 'alarm.gateway-silent'
      WHEN r.kind = 'no-data' AND r.scope = 'devices' THEN 'alarm.device-silent'
      WHEN r.kind IS NOT NULL THEN 'alarm.' || r.kind
      WHEN s.comms AND g.id IS NOT NULL THEN 'alarm.gateway-silent'
      WHEN s.comms THEN 'alarm.device-silent'
      ELSE 'alarm.high'
    END,
    'params', jsonb_build_object(
      'ruleId', p_rule_id,
      'asset', coalesce(g.name, a.name, c.asset_id, s.owner),
      'assetId', coalesce(c.asset_id, s.owner),
      'channel', coalesce(c.name, w.comms, s.metric),
      'metric', coalesce(c.metric, w.comms, s.metric),
      'unit', coalesce(c.unit, CASE WHEN s.comms THEN 's' ELSE '' END),
      'value', p_value,
      'limit', coalesce(r.limit_value, 0)))
  FROM (
    SELECT regexp_replace(p_subject, '/[^/]*$', '') AS owner,
           regexp_replace(p_subject, '^.*/', '') AS metric,
           p_subject LIKE '%/comms' AS comms
  ) s
  LEFT JOIN alarm_rules r ON r.id = p_rule_id
  LEFT JOIN channels c ON c.id = p_subject
  -- As the engine words them: a gateway by its name, a device by its id.
  LEFT JOIN assets a ON NOT s.comms AND a.id = coalesce(c.asset_id, s.owner)
  LEFT JOIN gateways g ON s.comms AND g.id = s.owner
  CROSS JOIN LATERAL (
    SELECT CASE WHEN g.id IS NOT NULL THEN 'heartbeat' WHEN s.comms THEN 'communications' END AS comms
  ) w
$$;

ALTER TABLE alarms ADD COLUMN message_key jsonb;
UPDATE alarms SET message_key = city_0016_alarm_message(rule_id, channel_id, value);
ALTER TABLE alarms DROP COLUMN message;
ALTER TABLE alarms RENAME COLUMN message_key TO message;
ALTER TABLE alarms ALTER COLUMN message SET NOT NULL;

ALTER TABLE alarm_journal ADD COLUMN message_key jsonb;
UPDATE alarm_journal SET message_key = city_0016_alarm_message(rule_id, channel_id, value);
ALTER TABLE alarm_journal DROP COLUMN message;
ALTER TABLE alarm_journal RENAME COLUMN message_key TO message;
ALTER TABLE alarm_journal ALTER COLUMN message SET NOT NULL;

DROP FUNCTION city_0016_alarm_message(text, text, double precision);

-- The alarm after each old transition, from the last transition up to it that set each of its flags.
ALTER TABLE alarm_journal ADD COLUMN alarm jsonb;
WITH marks AS (
  SELECT seq,
         max(seq) FILTER (WHERE event IN ('activated', 'cleared')) OVER w AS active_seq,
         max(seq) FILTER (WHERE event IN ('activated', 'acknowledged')) OVER w AS ack_seq,
         max(seq) FILTER (WHERE event = 'activated') OVER w AS activated_seq,
         max(seq) FILTER (WHERE event = 'cleared') OVER w AS cleared_seq,
         max(seq) FILTER (WHERE event IN ('shelved', 'unshelved')) OVER w AS shelve_seq,
         max(seq) FILTER (WHERE event IN ('removed-from-service', 'returned-to-service')) OVER w AS service_seq,
         max(seq) FILTER (WHERE event IN ('suppressed', 'unsuppressed')) OVER w AS suppress_seq
    FROM alarm_journal
  WINDOW w AS (PARTITION BY alarm_id ORDER BY seq)
)
UPDATE alarm_journal j SET alarm = jsonb_build_object(
    'id', j.alarm_id,
    'ruleId', j.rule_id,
    'channelId', j.channel_id,
    'priority', j.priority,
    'state', j.state,
    'active', coalesce(act.event = 'activated', false),
    'acknowledged', coalesce(ack.event <> 'activated', true),
    'message', j.message,
    'value', j.value,
    'activatedAt', floor(extract(epoch FROM activated.at) * 1000),
    'clearedAt', floor(extract(epoch FROM cleared.at) * 1000),
    'shelvedUntil', NULL,
    'shelveKind', CASE WHEN shelve.event = 'shelved' THEN 'one-shot' END,
    'outOfServiceReason', CASE WHEN service.event = 'removed-from-service' THEN coalesce(service.note, '') END,
    'suppressedBy', CASE WHEN suppress.event = 'suppressed' THEN coalesce(suppress.note, '') END)
  FROM marks m
  LEFT JOIN alarm_journal act ON act.seq = m.active_seq
  LEFT JOIN alarm_journal ack ON ack.seq = m.ack_seq
  LEFT JOIN alarm_journal activated ON activated.seq = m.activated_seq
  LEFT JOIN alarm_journal cleared ON cleared.seq = m.cleared_seq
  LEFT JOIN alarm_journal shelve ON shelve.seq = m.shelve_seq
  LEFT JOIN alarm_journal service ON service.seq = m.service_seq
  LEFT JOIN alarm_journal suppress ON suppress.seq = m.suppress_seq
 WHERE m.seq = j.seq;
ALTER TABLE alarm_journal ALTER COLUMN alarm SET NOT NULL;

ALTER TABLE alarm_rules
  ALTER COLUMN name TYPE jsonb USING jsonb_build_object('nl', name, 'en', name),
  ALTER COLUMN message TYPE jsonb USING jsonb_build_object('nl', message, 'en', message);
