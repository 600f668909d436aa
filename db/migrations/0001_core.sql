-- Assets, channels and readings: the core of the city's data model.
-- TimescaleDB features are used where the extension exists; plain PostgreSQL >= 15 gets plain tables.

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb') THEN
    CREATE EXTENSION IF NOT EXISTS timescaledb;
  END IF;
END
$$;

CREATE TABLE assets (
  id          text PRIMARY KEY,
  kind        text NOT NULL,
  layer       text NOT NULL CHECK (layer IN ('traffic', 'air', 'sewer', 'lighting')),
  name        text NOT NULL,
  geometry    jsonb NOT NULL,
  district    text,
  properties  jsonb NOT NULL DEFAULT '{}'::jsonb,
  updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE channels (
  id           text PRIMARY KEY,
  asset_id     text NOT NULL REFERENCES assets (id) ON DELETE CASCADE,
  metric       text NOT NULL,
  name         text NOT NULL,
  unit         text NOT NULL,
  display_min  double precision NOT NULL,
  display_max  double precision NOT NULL,
  writable     boolean NOT NULL DEFAULT false,
  source       jsonb,
  updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX channels_asset_idx ON channels (asset_id);

-- status_code holds the OPC UA StatusCode's 32 bits in a signed int4 (the db layer converts).
-- (channel_id, time) is unique, so a retried batch is never stored twice.
CREATE TABLE readings (
  channel_id   text NOT NULL,
  time         timestamptz NOT NULL,
  value        double precision,
  status_code  integer NOT NULL DEFAULT 0,
  server_time  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (channel_id, time)
);

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb') THEN
    PERFORM create_hypertable('readings', by_range('time', INTERVAL '1 day'));
  END IF;
END
$$;

-- The newest reading per channel, kept by the ingest path so screens get it in milliseconds.
CREATE TABLE latest_readings (
  channel_id   text PRIMARY KEY,
  time         timestamptz NOT NULL,
  value        double precision,
  status_code  integer NOT NULL,
  server_time  timestamptz NOT NULL
);
