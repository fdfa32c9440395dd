-- 0004: personal data at rest (issue 12, item 8). Each job's bundle is sealed in the
-- blob store (spool/blob_store.hpp; bundle_ref = '<pack>:<offset>:<length>'); its data
-- key, wrapped under the station's storage key (spool/bundle_crypto.hpp), is kept with
-- the job row. Erasure deletes the wrapped key (PRAGMA secure_delete is on), then zeroes
-- the bundle's bytes and sets bundle_ref to 'erased'; the tombstone stays for good.

-- NULL: erased, or a job accepted without a sealed bundle (rejected, or an opaque
-- reference given by an older caller).
ALTER TABLE jobs ADD COLUMN wrapped_key BLOB CHECK (wrapped_key IS NULL OR length(wrapped_key) = 72);
-- When the job's personal data was erased (NULL: not yet).
ALTER TABLE jobs ADD COLUMN erased_at_ms INTEGER;

-- Erasure is for good: a wrapped key never comes back.
CREATE TRIGGER jobs_erased_stays_erased BEFORE UPDATE OF wrapped_key, erased_at_ms ON jobs
WHEN OLD.erased_at_ms IS NOT NULL AND (NEW.wrapped_key IS NOT NULL OR NEW.erased_at_ms IS NULL)
BEGIN
  SELECT RAISE(ABORT, 'This job''s personal data was erased; it cannot be stored again.');
END;

-- The jobs erase_due() looks at: finished and not erased yet.
CREATE INDEX jobs_to_erase ON jobs (updated_at_ms)
  WHERE erased_at_ms IS NULL AND state IN ('done', 'failed', 'cancelled');

-- Which rows still point into a pack (a pack no row names is deleted).
CREATE INDEX jobs_by_bundle_ref ON jobs (bundle_ref);
-- Erasures cut short between the key and the bytes (finished at the next open).
CREATE INDEX jobs_erasure_unfinished ON jobs (id)
  WHERE erased_at_ms IS NOT NULL AND bundle_ref <> 'erased';

-- A job's events (erasure waits for central's ack of the job's final event).
CREATE INDEX outbox_event_by_job ON outbox_event (job_id, type) WHERE job_id IS NOT NULL;

-- Which storage key this store's data keys are wrapped under (a keyed hash of a fixed
-- label, never the key): a wrong key is refused at open, before any job is touched.
CREATE TABLE storage_key_check (
  singleton   INTEGER PRIMARY KEY CHECK (singleton = 1),
  check_value BLOB    NOT NULL CHECK (length(check_value) = 32),
  set_at_ms   INTEGER NOT NULL
);

-- Counters for /status (issue 12 figures: everything /status needs in <= 5 ms at 50,000
-- queued, where counting index entries takes longer): kept by triggers in the same
-- transaction as the rows they count, so they are never out of step.
CREATE TABLE job_state_counts (
  state TEXT    PRIMARY KEY,
  n     INTEGER NOT NULL CHECK (n >= 0)
) WITHOUT ROWID;
INSERT INTO job_state_counts (state, n) SELECT state, count(*) FROM jobs GROUP BY state;

CREATE TRIGGER job_state_counts_insert AFTER INSERT ON jobs
BEGIN
  INSERT INTO job_state_counts (state, n) VALUES (NEW.state, 1)
    ON CONFLICT (state) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER job_state_counts_update AFTER UPDATE OF state ON jobs
WHEN NEW.state IS NOT OLD.state
BEGIN
  UPDATE job_state_counts SET n = n - 1 WHERE state = OLD.state;
  INSERT INTO job_state_counts (state, n) VALUES (NEW.state, 1)
    ON CONFLICT (state) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER job_state_counts_delete AFTER DELETE ON jobs
BEGIN
  UPDATE job_state_counts SET n = n - 1 WHERE state = OLD.state;
END;

CREATE TABLE outbox_backlog (
  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
  n         INTEGER NOT NULL CHECK (n >= 0)
);
INSERT INTO outbox_backlog (singleton, n)
  VALUES (1, (SELECT count(*) FROM outbox_event WHERE acked_ms IS NULL));

CREATE TRIGGER outbox_backlog_insert AFTER INSERT ON outbox_event
WHEN NEW.acked_ms IS NULL
BEGIN
  UPDATE outbox_backlog SET n = n + 1 WHERE singleton = 1;
END;
CREATE TRIGGER outbox_backlog_ack AFTER UPDATE OF acked_ms ON outbox_event
WHEN OLD.acked_ms IS NULL AND NEW.acked_ms IS NOT NULL
BEGIN
  UPDATE outbox_backlog SET n = n - 1 WHERE singleton = 1;
END;
