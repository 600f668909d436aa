-- The field zone (issue 13, IEC 62443): a stolen Pi must not be able to rule the city. Each gateway
-- logs in as a role of its own, a member of city_gateway, and may write only for its own channels:
-- its readings and their quarantine rows, its heartbeat, and the setpoint commands of its channels.
-- Nothing else: no users, no audit, no alarms, no assets, no other gateway's channels.
--
-- A channel belongs to the gateway named in its source binding (channels.source->>'gatewayId'); a
-- role speaks for the gateway recorded here. `gateway db-role create` makes the role and this row.
-- The gateway is decided by session_user, the role that logged in, which no SET ROLE can change.

CREATE TABLE gateway_roles (
  role_name   name PRIMARY KEY,
  gateway_id  text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX channels_gateway_idx ON channels ((source->>'gatewayId'));

-- The group every gateway role belongs to: the grants below are made to it, once per database.
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'city_gateway') THEN
    CREATE ROLE city_gateway NOLOGIN;
  END IF;
EXCEPTION WHEN insufficient_privilege THEN
  RAISE NOTICE 'city_gateway role not created: the migrating role may not create roles';
END $$;

-- The gateway this session speaks for; null for every other role (the web server, an operator).
-- A member of city_gateway that no gateway_roles row names speaks for none: '' matches no channel.
CREATE FUNCTION field_gateway() RETURNS text
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT coalesce(
    (SELECT gateway_id FROM public.gateway_roles WHERE role_name = session_user),
    CASE WHEN to_regrole('city_gateway') IS NOT NULL
          AND pg_has_role(session_user, 'city_gateway', 'USAGE')
          AND NOT (SELECT rolsuper FROM pg_roles WHERE rolname = session_user)
         THEN '' END)
$$;

-- The ids of this session's gateway's channels; empty for any other role. Policies call it as
-- `(SELECT field_gateway_channels())`, which PostgreSQL evaluates once per statement.
CREATE FUNCTION field_gateway_channels() RETURNS text[]
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT coalesce(array_agg(id), '{}') FROM public.channels WHERE source->>'gatewayId' = public.field_gateway()
$$;

-- A gateway may quarantine readings of its own channels, and of ids that are no channel at all
-- (a config ahead of the city's registry), so that nothing it sent is lost silently.
CREATE FUNCTION field_gateway_may_quarantine(channel text) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT NOT EXISTS (
    SELECT 1 FROM public.channels
     WHERE id = channel AND source->>'gatewayId' IS DISTINCT FROM public.field_gateway())
$$;

CREATE FUNCTION field_gateway_required() RETURNS text
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  gw text := public.field_gateway();
BEGIN
  IF gw IS NULL OR gw = '' THEN
    RAISE EXCEPTION 'role % speaks for no gateway: record it with "npm run gateway -- db-role create <gatewayId> --role %"',
      session_user, session_user USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN gw;
END $$;

-- The numbers of this session's gateway's channels, for it to send readings under (as the owner's
-- ingest path does): resolving ids per reading cost the gateway path a third of its time.
CREATE FUNCTION field_gateway_channel_numbers() RETURNS TABLE (id text, num int4)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT c.id, c.num FROM public.channels c WHERE c.source->>'gatewayId' = public.field_gateway_required()
$$;

-- How a gateway stores readings. TimescaleDB refuses row-level security on a compressed hypertable
-- (and chunks would not inherit it), and COPY refuses a table under row-level security, so a
-- gateway role holds no privilege on readings at all: this function stores what is its own, as the
-- schema's owner. It works like the ingest upsert path (idempotent, unknown ids quarantined) and
-- returns the newest stored value per channel, for the notice and for keep_gateway_latest(), with
-- times as epoch milliseconds (parsing a thousand timestamps a batch cost the client more than COPY).
-- A reading comes with its channel's number, or with its id where the caller knows no number.
-- Readings of another gateway's channels are neither stored nor quarantined, only counted.
CREATE FUNCTION store_gateway_readings(in_nums int4[], in_ids text[], in_ms float8[], in_values float8[],
                                       in_status int4[])
  RETURNS TABLE (channel_id text, num int4, time_ms float8, value float8, status_code int4,
                 server_ms float8, inserted_count int, unknown_count int, foreign_count int)
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  WITH me AS (
    SELECT public.field_gateway_required() AS gw
  ), own AS (
    SELECT c.num, c.id FROM public.channels c, me WHERE c.source->>'gatewayId' = me.gw
  ), input AS (
    SELECT * FROM unnest(in_nums, in_ids, in_ms, in_values, in_status)
      AS t(num, channel_id, time_ms, value, status_code)
  ), named AS (
    SELECT coalesce(i.num, c.num) AS num, i.channel_id, i.time_ms, i.value, i.status_code
      FROM input i LEFT JOIN public.channels c ON i.num IS NULL AND c.id = i.channel_id
  ), resolved AS (
    SELECT n.num, n.channel_id, to_timestamp(n.time_ms / 1000.0) AS time, n.value, n.status_code,
           n.num IS NOT NULL AND o.num IS NULL AS foreign_channel
      FROM named n LEFT JOIN own o ON o.num = n.num
  ), unknown AS (
    INSERT INTO public.quarantined_readings (channel_id, time, value, status_code, reason)
    SELECT r.channel_id, r.time, r.value, r.status_code, 'unknown-channel' FROM resolved r WHERE r.num IS NULL
    RETURNING 1
  ), stored AS (
    INSERT INTO public.readings (channel, time, value, status_code)
    SELECT r.num, r.time, r.value, r.status_code FROM resolved r WHERE r.num IS NOT NULL AND NOT r.foreign_channel
    ON CONFLICT (channel, time) DO NOTHING
    RETURNING channel, time, value, status_code, server_time
  ), newest AS (
    SELECT DISTINCT ON (s.channel) * FROM stored s ORDER BY s.channel, s.time DESC
  )
  SELECT o.id, n.channel, (extract(epoch FROM n.time) * 1000)::float8, n.value, n.status_code,
         floor(extract(epoch FROM n.server_time) * 1000)::float8,
         (SELECT count(*) FROM stored)::int, (SELECT count(*) FROM unknown)::int,
         (SELECT count(*) FROM resolved WHERE foreign_channel)::int
    FROM (SELECT 1) AS always_one_row
    LEFT JOIN (newest n JOIN own o ON o.num = n.channel) ON true
$$;
REVOKE EXECUTE ON FUNCTION store_gateway_readings(int4[], text[], float8[], float8[], int4[]) FROM PUBLIC;

-- The newest values of a gateway's channels, written a moment after their readings like the owner's
-- (see latest-writer.ts): written with every batch they cost as much as the readings themselves.
-- Only this session's gateway's channels; an older value never replaces a newer one.
CREATE FUNCTION keep_gateway_latest(in_channels int4[], in_ms float8[], in_values float8[], in_status int4[],
                                    in_server_ms float8[])
  RETURNS void LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  WITH me AS (
    SELECT public.field_gateway_required() AS gw
  )
  INSERT INTO public.latest_readings AS l (channel, time, value, status_code, server_time)
  SELECT n.channel, to_timestamp(n.time_ms / 1000.0), n.value, n.status_code, to_timestamp(n.server_ms / 1000.0)
    FROM unnest(in_channels, in_ms, in_values, in_status, in_server_ms) AS n(channel, time_ms, value, status_code, server_ms)
    CROSS JOIN me JOIN public.channels c ON c.num = n.channel AND c.source->>'gatewayId' = me.gw
  ON CONFLICT (channel) DO UPDATE SET
    time = excluded.time, value = excluded.value,
    status_code = excluded.status_code, server_time = excluded.server_time
  WHERE l.time <= excluded.time
$$;
REVOKE EXECUTE ON FUNCTION keep_gateway_latest(int4[], float8[], float8[], int4[], float8[]) FROM PUBLIC;

-- Row-level security where a gateway writes directly. Every other role keeps what its grants give
-- it (the permissive policy); a gateway's rows are narrowed to its own (the restrictive one).
ALTER TABLE gateways ENABLE ROW LEVEL SECURITY;
CREATE POLICY everyone ON gateways USING (true) WITH CHECK (true);
CREATE POLICY field_zone ON gateways AS RESTRICTIVE
  USING ((SELECT field_gateway()) IS NULL OR id = (SELECT field_gateway()))
  WITH CHECK ((SELECT field_gateway()) IS NULL OR id = (SELECT field_gateway()));

ALTER TABLE quarantined_readings ENABLE ROW LEVEL SECURITY;
CREATE POLICY everyone ON quarantined_readings USING (true) WITH CHECK (true);
CREATE POLICY field_zone ON quarantined_readings AS RESTRICTIVE
  USING ((SELECT field_gateway()) IS NULL)
  WITH CHECK ((SELECT field_gateway()) IS NULL OR field_gateway_may_quarantine(channel_id));

ALTER TABLE setpoint_commands ENABLE ROW LEVEL SECURITY;
CREATE POLICY everyone ON setpoint_commands USING (true) WITH CHECK (true);
CREATE POLICY field_zone ON setpoint_commands AS RESTRICTIVE
  USING ((SELECT field_gateway()) IS NULL OR channel_id = ANY ((SELECT field_gateway_channels())::text[]))
  WITH CHECK ((SELECT field_gateway()) IS NULL OR (channel_id = ANY ((SELECT field_gateway_channels())::text[])
                                                   AND gateway_id = (SELECT field_gateway())));

-- What city_gateway may do, granted by this migration and again by `gateway db-role create` (the
-- migrating role may have had no right to create city_gateway; the command's role may).
CREATE FUNCTION field_zone_grant() RETURNS void LANGUAGE plpgsql SET search_path = pg_catalog, public AS $$
BEGIN
  IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'city_gateway') THEN
    GRANT USAGE ON SCHEMA public TO city_gateway;
    GRANT SELECT, INSERT, UPDATE ON gateways TO city_gateway;
    GRANT INSERT ON quarantined_readings TO city_gateway;
    GRANT SELECT, UPDATE (status, gateway_id, read_back, outcome, completed_at) ON setpoint_commands TO city_gateway;
    GRANT EXECUTE ON FUNCTION store_gateway_readings(int4[], text[], float8[], float8[], int4[]) TO city_gateway;
    GRANT EXECUTE ON FUNCTION keep_gateway_latest(int4[], float8[], float8[], int4[], float8[]) TO city_gateway;
  END IF;
END $$;
REVOKE EXECUTE ON FUNCTION field_zone_grant() FROM PUBLIC;
SELECT field_zone_grant();

-- The web server reads who speaks for which gateway (to check a notice's sender); only the
-- migrating role and `gateway db-role` change it.
DO $$ BEGIN
  IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'city_web') THEN
    REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON gateway_roles FROM city_web;
    GRANT SELECT ON gateway_roles TO city_web;
  END IF;
END $$;
