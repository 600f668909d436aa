-- An asset's alarm journal, newest first (newestAlarmJournal): the transitions of the asset's channels
-- and comms subjects, read backwards by seq from a cursor. Without this index each page read and
-- sorted every journal row of those channels, or walked the whole journal backwards by seq. The same
-- on TimescaleDB and plain PostgreSQL: alarm_journal is an ordinary table on both.
CREATE INDEX alarm_journal_channel_idx ON alarm_journal (channel_id, seq);
