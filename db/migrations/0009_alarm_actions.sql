-- An operator's action on an alarm (acknowledge, shelve, …) taken by a web instance that does not
-- evaluate alarms: it waits here for the instance that does, which carries it out and says how it went.
CREATE TABLE alarm_actions (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  alarm_id      text NOT NULL,
  actor         text NOT NULL,
  action        jsonb NOT NULL,
  requested_at  timestamptz NOT NULL DEFAULT now(),
  status        text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'executing', 'done', 'refused')),
  message       text,
  completed_at  timestamptz
);
CREATE INDEX alarm_actions_pending_idx ON alarm_actions (id) WHERE status = 'pending';
