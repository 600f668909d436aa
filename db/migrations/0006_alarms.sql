-- Alarms after ISA-18.2 / IEC 62682: rules (when is a channel abnormal), alarms (a rule applied to
-- one channel, with its lifecycle state), the journal of every transition, and an audit of every
-- change an operator or integrator made through the API.

CREATE TABLE alarm_rules (
  id            text PRIMARY KEY,
  name          text NOT NULL,
  kind          text NOT NULL
                CHECK (kind IN ('high', 'high-high', 'low', 'low-low', 'rate-of-change', 'no-data')),
  -- One channel, every channel of an asset kind and metric, or every gateway (its heartbeat).
  channel_id    text REFERENCES channels (id) ON DELETE CASCADE,
  asset_kind    text,
  metric        text,
  scope         text CHECK (scope IN ('gateways')),
  limit_value   double precision NOT NULL,
  deadband      double precision NOT NULL DEFAULT 0 CHECK (deadband >= 0),
  on_delay_ms   integer NOT NULL DEFAULT 0 CHECK (on_delay_ms >= 0),
  off_delay_ms  integer NOT NULL DEFAULT 0 CHECK (off_delay_ms >= 0),
  priority      smallint NOT NULL CHECK (priority BETWEEN 1 AND 4),
  message       text NOT NULL,
  reference     text NOT NULL DEFAULT '',
  enabled       boolean NOT NULL DEFAULT true,
  updated_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (num_nonnulls(channel_id, asset_kind, scope) = 1 AND (asset_kind IS NULL) = (metric IS NULL))
);

-- The alarm engine's state, so it survives a restart of the web server. id is "<rule>@<subject>";
-- the subject is a channel id, or "<gateway id>/comms" for a gateway's communications alarm.
CREATE TABLE alarms (
  id                     text PRIMARY KEY,
  rule_id                text NOT NULL REFERENCES alarm_rules (id) ON DELETE CASCADE,
  channel_id             text NOT NULL,
  active                 boolean NOT NULL DEFAULT false,
  acknowledged           boolean NOT NULL DEFAULT true,
  shelve_kind            text CHECK (shelve_kind IN ('one-shot', 'timed')),
  shelved_until          timestamptz,
  out_of_service_reason  text,
  suppressed_by          text,
  value                  double precision,
  message                text NOT NULL DEFAULT '',
  activated_at           timestamptz,
  cleared_at             timestamptz,
  seq                    bigint NOT NULL DEFAULT 0
);
CREATE INDEX alarms_channel_idx ON alarms (channel_id);

-- Every transition, in order; seq is also what a reconnecting screen asks to be replayed from.
CREATE TABLE alarm_journal (
  seq          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  alarm_id     text NOT NULL,
  rule_id      text NOT NULL,
  channel_id   text NOT NULL,
  event        text NOT NULL,
  state        text NOT NULL,
  priority     smallint NOT NULL,
  message      text NOT NULL,
  value        double precision,
  at           timestamptz NOT NULL,
  recorded_at  timestamptz NOT NULL DEFAULT now(),
  actor        text,
  note         text
);
CREATE INDEX alarm_journal_alarm_idx ON alarm_journal (alarm_id, seq);
CREATE INDEX alarm_journal_at_idx ON alarm_journal (at);

CREATE TABLE audit_log (
  id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at        timestamptz NOT NULL DEFAULT now(),
  actor     text NOT NULL,
  action    text NOT NULL,
  target    text NOT NULL,
  details   jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_at_idx ON audit_log (at);
