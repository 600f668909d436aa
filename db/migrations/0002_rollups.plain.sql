-- Rollups and retention on plain PostgreSQL (no TimescaleDB), answering like the TimescaleDB variant:
-- readings_1m and readings_1h are views over materialised tables plus the raw data past the
-- watermark, as real-time continuous aggregates are. The maintenance job (db/src/maintenance)
-- materialises new buckets and re-computes buckets that late readings touched.

CREATE TABLE readings_1m_store (
  channel  integer NOT NULL,
  bucket   timestamptz NOT NULL,
  min      double precision,
  max      double precision,
  avg      double precision,
  sum      double precision,
  count    bigint NOT NULL,
  last     double precision,
  PRIMARY KEY (channel, bucket)
);
CREATE TABLE readings_1h_store (LIKE readings_1m_store INCLUDING ALL);
-- Range scans by time: on TimescaleDB the hypertable has this index by itself.
CREATE INDEX readings_time_idx ON readings (time);
CREATE INDEX readings_1m_store_bucket_idx ON readings_1m_store (bucket);

-- Buckets before materialized_until are in the store; later ones are computed on the fly.
CREATE TABLE rollup_state (
  rollup             text PRIMARY KEY CHECK (rollup IN ('1m', '1h')),
  materialized_until timestamptz NOT NULL DEFAULT '-infinity'
);
INSERT INTO rollup_state (rollup) VALUES ('1m'), ('1h');

-- Late readings (backfill) below the watermark mark the minutes they fall in for re-computation.
CREATE TABLE rollup_invalidations (
  channel  integer NOT NULL,
  bucket   timestamptz NOT NULL,
  PRIMARY KEY (channel, bucket)
);

CREATE FUNCTION readings_invalidate_rollups() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO rollup_invalidations (channel, bucket)
  SELECT DISTINCT n.channel, date_bin(INTERVAL '1 minute', n.time, TIMESTAMPTZ 'epoch')
    FROM new_rows n
   WHERE n.time < (SELECT materialized_until FROM rollup_state WHERE rollup = '1m')
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;
CREATE TRIGGER readings_invalidate_rollups
  AFTER INSERT ON readings REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION readings_invalidate_rollups();

CREATE VIEW readings_1m AS
  SELECT channel, bucket, min, max, avg, sum, count, last FROM readings_1m_store
  UNION ALL
  SELECT channel,
         date_bin(INTERVAL '1 minute', time, TIMESTAMPTZ 'epoch') AS bucket,
         min(value), max(value), avg(value), sum(value), count(value),
         (array_agg(value ORDER BY time DESC))[1]
    FROM readings
   WHERE time >= (SELECT materialized_until FROM rollup_state WHERE rollup = '1m')
   GROUP BY 1, 2;

CREATE VIEW readings_1h AS
  SELECT channel, bucket, min, max, avg, sum, count, last FROM readings_1h_store
  UNION ALL
  SELECT channel,
         date_bin(INTERVAL '1 hour', bucket, TIMESTAMPTZ 'epoch') AS bucket,
         min(min), max(max), sum(sum) / nullif(sum(count), 0), sum(sum), sum(count)::bigint,
         (array_agg(last ORDER BY bucket DESC))[1]
    FROM readings_1m
   WHERE bucket >= (SELECT materialized_until FROM rollup_state WHERE rollup = '1h')
   GROUP BY 1, 2;

-- Materialises complete buckets up to `until` and re-computes the ones late readings touched;
-- returns the number of rollup rows written.
CREATE FUNCTION city_refresh_rollups(until timestamptz DEFAULT now()) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  minute_until timestamptz := date_bin(INTERVAL '1 minute', until, TIMESTAMPTZ 'epoch');
  hour_until   timestamptz := date_bin(INTERVAL '1 hour', until, TIMESTAMPTZ 'epoch');
  minute_from  timestamptz;
  hour_from    timestamptz;
  written      bigint := 0;
  n            bigint;
BEGIN
  SELECT materialized_until INTO minute_from FROM rollup_state WHERE rollup = '1m' FOR UPDATE;
  SELECT materialized_until INTO hour_from FROM rollup_state WHERE rollup = '1h' FOR UPDATE;
  minute_until := greatest(minute_until, minute_from);
  hour_until := greatest(hour_until, hour_from);

  CREATE TEMP TABLE IF NOT EXISTS late_minutes (channel integer, bucket timestamptz) ON COMMIT DROP;
  TRUNCATE late_minutes;
  WITH taken AS (DELETE FROM rollup_invalidations RETURNING channel, bucket)
  INSERT INTO late_minutes SELECT channel, bucket FROM taken;

  -- Minutes touched by late readings: computed again from the raw rows of just those minutes.
  DELETE FROM readings_1m_store s USING late_minutes m WHERE s.channel = m.channel AND s.bucket = m.bucket;
  INSERT INTO readings_1m_store (channel, bucket, min, max, avg, sum, count, last)
  SELECT r.channel, m.bucket, min(r.value), max(r.value), avg(r.value), sum(r.value), count(r.value),
         (array_agg(r.value ORDER BY r.time DESC))[1]
    FROM late_minutes m
    JOIN readings r ON r.channel = m.channel AND r.time >= m.bucket AND r.time < m.bucket + INTERVAL '1 minute'
   GROUP BY r.channel, m.bucket;
  GET DIAGNOSTICS n = ROW_COUNT;
  written := written + n;

  -- New complete minutes.
  INSERT INTO readings_1m_store (channel, bucket, min, max, avg, sum, count, last)
  SELECT channel, date_bin(INTERVAL '1 minute', time, TIMESTAMPTZ 'epoch'),
         min(value), max(value), avg(value), sum(value), count(value), (array_agg(value ORDER BY time DESC))[1]
    FROM readings
   WHERE time >= minute_from AND time < minute_until
   GROUP BY 1, 2
  ON CONFLICT (channel, bucket) DO UPDATE SET
    min = excluded.min, max = excluded.max, avg = excluded.avg, sum = excluded.sum,
    count = excluded.count, last = excluded.last;
  GET DIAGNOSTICS n = ROW_COUNT;
  written := written + n;
  UPDATE rollup_state SET materialized_until = minute_until WHERE rollup = '1m';

  -- Hours holding a re-computed minute, then new complete hours, both from the minute store.
  INSERT INTO readings_1h_store (channel, bucket, min, max, avg, sum, count, last)
  SELECT s.channel, h.bucket, min(s.min), max(s.max), sum(s.sum) / nullif(sum(s.count), 0), sum(s.sum),
         sum(s.count)::bigint, (array_agg(s.last ORDER BY s.bucket DESC))[1]
    FROM (SELECT DISTINCT channel, date_bin(INTERVAL '1 hour', bucket, TIMESTAMPTZ 'epoch') AS bucket
            FROM late_minutes WHERE bucket < hour_from) h
    JOIN readings_1m_store s
      ON s.channel = h.channel AND s.bucket >= h.bucket AND s.bucket < h.bucket + INTERVAL '1 hour'
   GROUP BY s.channel, h.bucket
  ON CONFLICT (channel, bucket) DO UPDATE SET
    min = excluded.min, max = excluded.max, avg = excluded.avg, sum = excluded.sum,
    count = excluded.count, last = excluded.last;
  GET DIAGNOSTICS n = ROW_COUNT;
  written := written + n;

  INSERT INTO readings_1h_store (channel, bucket, min, max, avg, sum, count, last)
  SELECT channel, date_bin(INTERVAL '1 hour', bucket, TIMESTAMPTZ 'epoch'),
         min(min), max(max), sum(sum) / nullif(sum(count), 0), sum(sum), sum(count)::bigint,
         (array_agg(last ORDER BY bucket DESC))[1]
    FROM readings_1m_store
   WHERE bucket >= hour_from AND bucket < hour_until
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

CREATE TABLE retention_settings (
  relation  text PRIMARY KEY CHECK (relation IN ('readings', 'readings_1m', 'readings_1h')),
  keep      interval CHECK (keep IS NULL OR keep > INTERVAL '0'),  -- NULL keeps for ever
  updated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO retention_settings (relation, keep) VALUES
  ('readings', INTERVAL '90 days'),
  ('readings_1m', INTERVAL '730 days'),
  ('readings_1h', NULL);
