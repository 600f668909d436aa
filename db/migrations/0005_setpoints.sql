-- Setpoints: an operator's command to write a value to a writable channel, carried out by the
-- gateway that feeds the channel. Each row is the whole story: who asked, when, until when it may
-- still be carried out, and what came of it.
CREATE TABLE setpoint_commands (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  channel_id    text NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
  value         double precision NOT NULL,
  requested_by  text NOT NULL,
  note          text,
  requested_at  timestamptz NOT NULL DEFAULT now(),
  -- Never carried out after this, however late the link comes back.
  expires_at    timestamptz NOT NULL,
  status        text NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending', 'executing', 'done', 'failed', 'rejected', 'expired')),
  gateway_id    text,
  -- What the device held when read back after the write.
  read_back     double precision,
  outcome       text,
  completed_at  timestamptz,
  CHECK (expires_at > requested_at)
);
CREATE INDEX setpoint_commands_open_idx ON setpoint_commands (channel_id) WHERE status IN ('pending', 'executing');

-- Gateways LISTEN here and pick new commands up at once; they also look every few seconds.
CREATE FUNCTION setpoint_commands_announce() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('city_setpoints', NEW.channel_id);
  RETURN NULL;
END
$$;
CREATE TRIGGER setpoint_commands_announce
  AFTER INSERT ON setpoint_commands FOR EACH ROW EXECUTE FUNCTION setpoint_commands_announce();
