-- Who may do what (issue 13): local accounts, server-side sessions, pairing codes for wall displays,
-- and an audit trail that records who acted from where and cannot be rewritten.

CREATE TABLE users (
  id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name                 text NOT NULL UNIQUE CHECK (name ~ '^[a-z0-9][a-z0-9._-]{1,63}$'),
  display_name         text NOT NULL,
  role                 text NOT NULL CHECK (role IN ('viewer', 'operator', 'crew', 'engineer', 'admin')),
  -- argon2id PHC string; null for an account that signs in only through the city's identity provider.
  password_hash        text,
  -- The identity provider's issuer and subject, for single sign-on accounts.
  oidc_issuer          text,
  oidc_subject         text,
  -- A wall display is an account of its own kind: viewer only, never signs in with a password.
  kind                 text NOT NULL DEFAULT 'user' CHECK (kind IN ('user', 'display')),
  disabled_at          timestamptz,
  created_at           timestamptz NOT NULL DEFAULT now(),
  password_changed_at  timestamptz,
  UNIQUE (oidc_issuer, oidc_subject),
  CHECK (kind = 'user' OR role = 'viewer')
);

-- The id a browser holds is 256 random bits; only its SHA-256 is stored, so a copy of this table
-- signs nobody in.
CREATE TABLE sessions (
  id_hash            bytea PRIMARY KEY,
  user_id            bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at         timestamptz NOT NULL DEFAULT now(),
  last_seen_at       timestamptz NOT NULL DEFAULT now(),
  -- When the user last proved who they are (password or identity provider): setpoints want it recent.
  authenticated_at   timestamptz NOT NULL DEFAULT now(),
  idle_timeout_s     integer NOT NULL CHECK (idle_timeout_s > 0),
  expires_at         timestamptz NOT NULL,
  revoked_at         timestamptz,
  revoked_reason     text,
  address            text,
  user_agent         text
);
CREATE INDEX sessions_user_idx ON sessions (user_id) WHERE revoked_at IS NULL;

-- One-time codes: the first admin's setup link, and the short code that pairs a wall display.
CREATE TABLE access_codes (
  code_hash     bytea PRIMARY KEY,
  purpose       text NOT NULL CHECK (purpose IN ('setup', 'pairing')),
  -- The display account a pairing code signs in; null for setup.
  user_id       bigint REFERENCES users (id) ON DELETE CASCADE,
  created_at    timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz NOT NULL,
  used_at       timestamptz
);

ALTER TABLE audit_log
  ADD COLUMN user_id     bigint,
  ADD COLUMN role        text,
  -- The first 16 hex digits of the session's id hash: enough to tell sessions apart, useless to sign in.
  ADD COLUMN session_ref text,
  ADD COLUMN address     text,
  ADD COLUMN user_agent  text,
  ADD COLUMN before      jsonb,
  ADD COLUMN after       jsonb;
CREATE INDEX audit_log_actor_idx ON audit_log (actor, at);
CREATE INDEX audit_log_action_idx ON audit_log (action, at);

-- How long audit rows are kept, in days; its own setting, apart from the readings' retention.
CREATE TABLE audit_settings (
  singleton       boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  retention_days  integer NOT NULL DEFAULT 730 CHECK (retention_days >= 30)
);
INSERT INTO audit_settings DEFAULT VALUES;

-- Append-only: no role, the application's included, may change an audit row, and only rows past the
-- retention setting may be deleted. A trigger binds every role that does not disable it; the grants
-- below bind the application's own role even then.
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'TRUNCATE') THEN
    RAISE EXCEPTION 'audit_log is append-only: rows cannot be changed or truncated'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.at >= now() - make_interval(days => (SELECT retention_days FROM audit_settings)) THEN
    RAISE EXCEPTION 'audit_log is append-only: row % is within the retention period', OLD.id
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN OLD;
END $$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

-- Retention, run by maintenance as whoever it runs as: the function deletes as this migration's role,
-- and deletes nothing younger than the retention setting.
CREATE FUNCTION prune_audit_log() RETURNS bigint LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
  WITH gone AS (
    DELETE FROM audit_log
     WHERE at < now() - make_interval(days => (SELECT retention_days FROM audit_settings))
    RETURNING 1)
  SELECT count(*) FROM gone
$$;

-- The web server's own role: not a superuser, not the owner of the tables. Created once per server;
-- granted here in each database. A deployment gives it LOGIN and a password (see the README).
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'city_web') THEN
    CREATE ROLE city_web NOLOGIN;
  END IF;
EXCEPTION WHEN insufficient_privilege THEN
  RAISE NOTICE 'city_web role not created: the migrating role may not create roles';
END $$;
DO $$ BEGIN
  IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'city_web') THEN
    GRANT USAGE ON SCHEMA public TO city_web;
    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO city_web;
    GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO city_web;
    REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM city_web;
    REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON audit_settings FROM city_web;
    GRANT UPDATE (retention_days) ON audit_settings TO city_web;
    GRANT EXECUTE ON FUNCTION prune_audit_log() TO city_web;
    ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO city_web;
    ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO city_web;
  END IF;
END $$;

-- A relayed alarm action carries who asked (user, role, session, address), so the instance that
-- carries it out writes the audit row as them, in the transaction that journals the action.
ALTER TABLE alarm_actions ADD COLUMN requested_by jsonb;
