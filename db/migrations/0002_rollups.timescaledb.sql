-- Rollups, compression and retention on TimescaleDB.
-- readings_1m and readings_1h are continuous aggregates (1h built on 1m), real-time so the newest,
-- not yet materialised buckets are answered from the raw data. The plain-PostgreSQL variant of this
-- migration provides the same relations with the same columns and answers.

CREATE MATERIALIZED VIEW readings_1m
  WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
  SELECT channel,
         time_bucket(INTERVAL '1 minute', time) AS bucket,
         min(value) AS min,
         max(value) AS max,
         avg(value) AS avg,
         sum(value) AS sum,
         count(value) AS count,
         last(value, time) AS last
    FROM readings
   GROUP BY channel, time_bucket(INTERVAL '1 minute', time)
  WITH NO DATA;

CREATE MATERIALIZED VIEW readings_1h
  WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
  SELECT channel,
         time_bucket(INTERVAL '1 hour', bucket) AS bucket,
         min(min) AS min,
         max(max) AS max,
         sum(sum) / nullif(sum(count), 0) AS avg,
         sum(sum) AS sum,
         sum(count)::bigint AS count,
         last(last, bucket) AS last
    FROM readings_1m
   GROUP BY channel, time_bucket(INTERVAL '1 hour', bucket)
  WITH NO DATA;

-- The refresh windows reach back far enough that a gateway's backfill after days offline is
-- folded in (TimescaleDB refreshes only the invalidated parts of the window).
SELECT add_continuous_aggregate_policy('readings_1m',
  start_offset => INTERVAL '7 days', end_offset => INTERVAL '1 minute', schedule_interval => INTERVAL '1 minute');
SELECT add_continuous_aggregate_policy('readings_1h',
  start_offset => INTERVAL '35 days', end_offset => INTERVAL '1 hour', schedule_interval => INTERVAL '15 minutes');

-- Columnar compression of raw chunks after 7 days, one segment per channel.
ALTER TABLE readings SET (
  timescaledb.compress,
  timescaledb.compress_segmentby = 'channel',
  timescaledb.compress_orderby = 'time DESC'
);
SELECT add_compression_policy('readings', INTERVAL '7 days');

CREATE TABLE retention_settings (
  relation  text PRIMARY KEY CHECK (relation IN ('readings', 'readings_1m', 'readings_1h')),
  keep      interval CHECK (keep IS NULL OR keep > INTERVAL '0'),  -- NULL keeps for ever
  updated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO retention_settings (relation, keep) VALUES
  ('readings', INTERVAL '90 days'),
  ('readings_1m', INTERVAL '730 days'),
  ('readings_1h', NULL);

SELECT add_retention_policy('readings', INTERVAL '90 days');
SELECT add_retention_policy('readings_1m', INTERVAL '730 days');
