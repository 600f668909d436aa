-- The core of the city's data model: assets, their channels, readings, and the gateways that feed them.
-- TimescaleDB features are used where the extension exists; plain PostgreSQL >= 15 gets plain tables.

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb') THEN
    CREATE EXTENSION IF NOT EXISTS timescaledb;
  END IF;
END
$$;

-- An asset is a physical thing at a place (station, loop detector, pumping station, lamp segment, cabinet).
CREATE TABLE assets (
  id          text PRIMARY KEY,
  kind        text NOT NULL,
  layer       text NOT NULL CHECK (layer IN ('traffic', 'air', 'sewer', 'lighting')),
  name        text NOT NULL,
  geometry    jsonb NOT NULL CHECK (geometry->>'type' IN ('Point', 'LineString')),
  district    text,
  properties  jsonb NOT NULL DEFAULT '{}'::jsonb,
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX assets_layer_idx ON assets (layer);
CREATE INDEX assets_district_idx ON assets (district);

-- A channel is one measured or controlled quantity of an asset. Its public id is "<asset>/<metric>";
-- num is the compact key the readings hypertable stores (4 bytes instead of a string per reading).
CREATE TABLE channels (
  id           text PRIMARY KEY,
  num          integer GENERATED ALWAYS AS IDENTITY UNIQUE,
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

-- One row per sample. time is the source timestamp; server_time when the database received it.
-- status_code holds the OPC UA StatusCode's 32 bits in a signed int4 (the db layer converts).
-- (channel, time) is unique, so a retried batch is never stored twice.
CREATE TABLE readings (
  channel      integer NOT NULL,
  time         timestamptz NOT NULL,
  value        double precision,
  status_code  integer NOT NULL DEFAULT 0,
  server_time  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (channel, time)
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
  channel      integer PRIMARY KEY,
  time         timestamptz NOT NULL,
  value        double precision,
  status_code  integer NOT NULL,
  server_time  timestamptz NOT NULL
);

-- Rows the ingest path refused (unknown channel, NaN or infinite value, a clock far in the future),
-- kept as received so nothing a gateway sent is silently lost.
CREATE TABLE quarantined_readings (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  channel_id   text NOT NULL,
  time         timestamptz,
  value        double precision,
  status_code  integer NOT NULL,
  reason       text NOT NULL,
  received_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX quarantined_readings_received_idx ON quarantined_readings (received_at);

-- Every gateway reports here: who it is, where, and how much it still holds unsent.
CREATE TABLE gateways (
  id                 text PRIMARY KEY,
  name               text NOT NULL,
  cabinet_id         text,
  version            text NOT NULL,
  last_seen          timestamptz NOT NULL,
  buffer_depth       integer NOT NULL DEFAULT 0,
  oldest_unsent_ms   double precision,
  updated_at         timestamptz NOT NULL DEFAULT now()
);
