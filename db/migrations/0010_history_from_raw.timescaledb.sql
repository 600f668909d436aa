-- History costs bytes per reading, not a second copy of every reading.
-- Measured (history bench, 1,000 channels x 30 days of 1-minute data): readings_1m took 107 bytes per
-- reading against 9 for the compressed raw data. Its compression policy was registered and ran, but
-- the rollup's chunks are 10 days wide and were compressed only 14 days after their end, so most of a
-- month stayed as rows; and even compressed, a 1-minute bucket (six doubles) took 42 bytes. Where a
-- source is sampled once a minute or slower, a 1-minute bucket holds one reading, so the rollup saves
-- no query work either. History at minute resolution is now computed from the raw readings, whose
-- chunks are compressed (one segment per channel) once they end; readings_1h is built on them directly.

-- Hours older than the oldest raw reading cannot be rebuilt from raw data (raw retention dropped it):
-- they are kept here as they were, and history reads them beside readings_1h.
CREATE TABLE readings_1h_archive AS
  SELECT channel, bucket, min, max, avg, sum, count, last
    FROM readings_1h
   WHERE bucket < coalesce((SELECT time_bucket(INTERVAL '1 hour', min(time)) FROM readings), 'infinity');
ALTER TABLE readings_1h_archive ADD PRIMARY KEY (channel, bucket);

DROP MATERIALIZED VIEW readings_1h;
DROP MATERIALIZED VIEW readings_1m;
DELETE FROM retention_settings WHERE relation = 'readings_1m';

CREATE MATERIALIZED VIEW readings_1h
  WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
  SELECT channel,
         time_bucket(INTERVAL '1 hour', time) AS bucket,
         min(value) AS min,
         max(value) AS max,
         avg(value) AS avg,
         sum(value) AS sum,
         count(value) AS count,
         last(value, time) AS last
    FROM readings
   GROUP BY channel, time_bucket(INTERVAL '1 hour', time)
  WITH NO DATA;

-- The refresh window reaches back far enough that a gateway's backfill after days offline is folded in.
SELECT add_continuous_aggregate_policy('readings_1h',
  start_offset => INTERVAL '35 days', end_offset => INTERVAL '1 hour', schedule_interval => INTERVAL '15 minutes');
-- Kept for ever by default: compressed once past the refresh window, with a margin.
ALTER MATERIALIZED VIEW readings_1h SET (
  timescaledb.compress,
  timescaledb.compress_segmentby = 'channel',
  timescaledb.compress_orderby = 'bucket DESC'
);
SELECT add_compression_policy('readings_1h', compress_after => INTERVAL '60 days');

-- Raw chunks (1 day each) are compressed two hours after they end, checked every hour, instead of 7
-- days after: the hot, row-shaped part of the database is today's chunk (about 106 bytes a reading
-- against 9 compressed). Two hours cover readings that arrive late in the normal course; anything
-- later, such as a gateway's store-and-forward backfill after an outage, goes into the compressed
-- chunk: TimescaleDB accepts inserts there and checks them for duplicates (ON CONFLICT DO NOTHING),
-- and the next policy run compresses what arrived (see compressed-backfill.test.ts).
SELECT remove_compression_policy('readings');
SELECT add_compression_policy('readings', compress_after => INTERVAL '2 hours',
  schedule_interval => INTERVAL '1 hour');
