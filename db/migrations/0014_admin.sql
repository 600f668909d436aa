-- Administration (issue 13): alarm webhooks an admin manages at run time, and invitation links for
-- accounts an admin creates (the person chooses their own password; an admin never types it).

-- Where urgent alarms are POSTed, besides ALARM_WEBHOOK_URL. Read by the evaluating instance on each
-- urgent activation, so a change takes effect without a restart.
CREATE TABLE webhooks (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name          text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 100),
  -- Only http and https: a javascript:, file: or data: URL is never a receiver.
  url           text NOT NULL CHECK (url ~ '^https?://'),
  -- Alarms this urgent or more (1 critical … 4 low) are sent.
  max_priority  smallint NOT NULL DEFAULT 2 CHECK (max_priority BETWEEN 1 AND 4),
  enabled       boolean NOT NULL DEFAULT true,
  -- The HMAC-SHA256 key the receiver checks the payload with. Kept as given, since signing needs it;
  -- never returned by the API after creation.
  secret        text CHECK (secret IS NULL OR length(secret) >= 16),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);

-- An invitation: a one-time code for an account an admin created, redeemed at the setup page where
-- its person chooses a password. Its own purpose, so it can never create the first admin.
ALTER TABLE access_codes DROP CONSTRAINT access_codes_purpose_check;
ALTER TABLE access_codes ADD CONSTRAINT access_codes_purpose_check
  CHECK (purpose IN ('setup', 'pairing', 'invite'));
CREATE INDEX access_codes_user_idx ON access_codes (user_id) WHERE used_at IS NULL;

-- Last sign-in per account comes from the audit trail (kept at least a year): the login rows by actor.
CREATE INDEX audit_log_login_idx ON audit_log (actor, at DESC) WHERE action IN ('session.login', 'display.pair');

DO $$ BEGIN
  IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'city_web') THEN
    GRANT SELECT, INSERT, UPDATE, DELETE ON webhooks TO city_web;
  END IF;
END $$;
