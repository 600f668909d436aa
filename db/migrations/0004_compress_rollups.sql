-- Two years of 1-minute rollups are most of what the city keeps: about 144 bytes a bucket as rows.
-- On TimescaleDB their chunks are compressed like the raw readings, one segment per channel, once
-- they are older than the 1-minute refresh window (7 days) reaches back, with a week's margin.
-- Plain PostgreSQL has no columnar storage; there the rollup tables stay as they are.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb') THEN
    ALTER MATERIALIZED VIEW readings_1m SET (
      timescaledb.compress,
      timescaledb.compress_segmentby = 'channel',
      timescaledb.compress_orderby = 'bucket DESC'
    );
    PERFORM add_compression_policy('readings_1m', compress_after => INTERVAL '14 days');
  END IF;
END
$$;
