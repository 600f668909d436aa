-- History costs bytes per reading, not a second copy of every reading (see the TimescaleDB variant for
-- the measurement). Plain PostgreSQL keeps no 1-minute rollup either: history at minute resolution is
-- computed from the raw readings, and readings_1h is materialised from them directly. The hours already
-- in readings_1h_store are kept, including those older than the raw data.

DROP VIEW readings_1h;
DROP VIEW readings_1m;
DROP TABLE readings_1m_store;
DELETE FROM rollup_state WHERE rollup = '1m';
DELETE FROM retention_settings WHERE relation = 'readings_1m';

-- Both kinds of server answer history from the same relations; on plain PostgreSQL the store keeps
-- every hour, so the archive stays empty.
CREATE TABLE readings_1h_archive (LIKE readings_1h_store INCLUDING ALL);

-- Minutes marked by late readings become the hours they fall in; from now on hours are marked.
INSERT INTO rollup_invalidations (channel, bucket)
SELECT DISTINCT channel, date_bin(INTERVAL '1 hour', bucket, TIMESTAMPTZ 'epoch') FROM rollup_invalidations
ON CONFLICT DO NOTHING;
DELETE FROM rollup_invalidations WHERE bucket <> date_bin(INTERVAL '1 hour', bucket, TIMESTAMPTZ 'epoch');

CREATE OR REPLACE FUNCTION readings_invalidate_rollups() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO rollup_invalidations (channel, bucket)
  SELECT DISTINCT n.channel, date_bin(INTERVAL '1 hour', n.time, TIMESTAMPTZ 'epoch')
    FROM new_rows n
   WHERE n.time < (SELECT materialized_until FROM rollup_state WHERE rollup = '1h')
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;

CREATE VIEW readings_1h AS
  SELECT channel, bucket, min, max, avg, sum, count, last FROM readings_1h_store
  UNION ALL
  SELECT channel,
         date_bin(INTERVAL '1 hour', time, TIMESTAMPTZ 'epoch') AS bucket,
         min(value), max(value), avg(value), sum(value), count(value),
         (array_agg(value ORDER BY time DESC))[1]
    FROM readings
   WHERE time >= (SELECT materialized_until FROM rollup_state WHERE rollup = '1h')
   GROUP BY 1, 2;

-- Materialises complete hours up to `until` and re-computes the ones late readings touched, both from
-- the raw readings; returns the number of rollup rows written.
CREATE OR REPLACE FUNCTION city_refresh_rollups(until timestamptz DEFAULT now()) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
  hour_until timestamptz := date_bin(INTERVAL '1 hour', until, TIMESTAMPTZ 'epoch');
  hour_from  timestamptz;
  written    bigint := 0;
  n          bigint;
BEGIN
  SELECT materialized_until INTO hour_from FROM rollup_state WHERE rollup = '1h' FOR UPDATE;
  hour_until := greatest(hour_until, hour_from);

  CREATE TEMP TABLE IF NOT EXISTS late_hours (channel integer, bucket timestamptz) ON COMMIT DROP;
  TRUNCATE late_hours;
  WITH taken AS (DELETE FROM rollup_invalidations RETURNING channel, bucket)
  INSERT INTO late_hours SELECT channel, bucket FROM taken;

  DELETE FROM readings_1h_store s USING late_hours h WHERE s.channel = h.channel AND s.bucket = h.bucket;
  INSERT INTO readings_1h_store (channel, bucket, min, max, avg, sum, count, last)
  SELECT r.channel, h.bucket, min(r.value), max(r.value), avg(r.value), sum(r.value), count(r.value),
         (array_agg(r.value ORDER BY r.time DESC))[1]
    FROM late_hours h
    JOIN readings r ON r.channel = h.channel AND r.time >= h.bucket AND r.time < h.bucket + INTERVAL '1 hour'
   GROUP BY r.channel, h.bucket;
  GET DIAGNOSTICS n = ROW_COUNT;
  written := written + n;

  INSERT INTO readings_1h_store (channel, bucket, min, max, avg, sum, count, last)
  SELECT channel, date_bin(INTERVAL '1 hour', time, TIMESTAMPTZ 'epoch'),
         min(value), max(value), avg(value), sum(value), count(value), (array_agg(value ORDER BY time DESC))[1]
    FROM readings
   WHERE time >= hour_from AND time < hour_until
   GROUP BY 1, 2
  ON CONFLICT (channel, bucket) DO UPDATE SET
    min = excluded.min, max = excluded.max, avg = excluded.avg, sum = excluded.sum,
    count = excluded.count, last = excluded.last;
  GET DIAGNOSTICS n = ROW_COUNT;
  written := written + n;
  UPDATE rollup_state SET materialized_until = hour_until WHERE rollup = '1h';
  RETURN written;
END
$$;
