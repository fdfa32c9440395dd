-- Schema 1: store identity, intake cursor, jobs, attempts, tombstones, recovery.
-- States and transitions are decided in spool/states.cpp (the one place); the
-- database adds what must hold even against a bug there: permits issued and used
-- once, finished job ids remembered for good.
-- Times are Unix milliseconds (UTC); dates are 'YYYY-MM-DD' text (sorts by date).

CREATE TABLE store_meta (
  singleton     INTEGER PRIMARY KEY CHECK (singleton = 1),
  store_id      TEXT    NOT NULL CHECK (length(store_id) = 36),
  station_id    TEXT    NOT NULL DEFAULT '',
  created_at_ms INTEGER NOT NULL,
  restored      INTEGER NOT NULL DEFAULT 0 CHECK (restored IN (0, 1))
);

CREATE TABLE intake_cursor (
  singleton     INTEGER PRIMARY KEY CHECK (singleton = 1),
  cursor        TEXT    NOT NULL,
  updated_at_ms INTEGER NOT NULL
);

CREATE TABLE jobs (
  id             TEXT    PRIMARY KEY CHECK (length(id) = 36),  -- central's UUID, lower case
  content_hash   BLOB    NOT NULL CHECK (length(content_hash) = 32),
  state          TEXT    NOT NULL,
  priority       INTEGER NOT NULL DEFAULT 0,                   -- higher first
  pickup_date    TEXT    CHECK (pickup_date IS NULL OR pickup_date GLOB
                                '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
  received_at_ms INTEGER NOT NULL,
  bundle_ref     TEXT,                                         -- the encrypted bundle
  nik_hash       BLOB    CHECK (nik_hash IS NULL OR length(nik_hash) = 32),
  attempt_count  INTEGER NOT NULL DEFAULT 0,                   -- attempts made (numbering)
  spoiled_count  INTEGER NOT NULL DEFAULT 0,                   -- counts against the limit
  reason         TEXT,                                         -- why held/failed/cancelled/rejected
  decided_by     TEXT,                                         -- operator (or 'central')
  reprint_by     TEXT,                                         -- void + reprint: requester
  reprint_approved_by TEXT,                                    -- ... and approver (different)
  reprint_pending INTEGER NOT NULL DEFAULT 0 CHECK (reprint_pending IN (0, 1)),
  updated_at_ms  INTEGER NOT NULL,
  CHECK (reprint_by IS NULL OR reprint_by <> reprint_approved_by),
  -- Only a job rejected at intake may lack its bundle, date and NIK hash.
  CHECK (state = 'rejected' OR (bundle_ref IS NOT NULL AND pickup_date IS NOT NULL
                                AND nik_hash IS NOT NULL))
);
-- Claim-next: queued jobs by pickup date, priority (higher first), age.
CREATE INDEX jobs_claim_order ON jobs (pickup_date, priority DESC, received_at_ms, id)
  WHERE state = 'queued';
CREATE INDEX jobs_by_state ON jobs (state);
CREATE INDEX jobs_by_nik ON jobs (nik_hash);

-- A finished job's id and content hash, kept for good (after erasure too).
CREATE TABLE tombstones (
  job_id          TEXT    PRIMARY KEY,
  content_hash    BLOB    NOT NULL,
  outcome         TEXT    NOT NULL,  -- done, failed, cancelled, rejected
  finished_at_ms  INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TRIGGER jobs_no_replay BEFORE INSERT ON jobs
WHEN EXISTS (SELECT 1 FROM tombstones WHERE job_id = NEW.id)
BEGIN
  SELECT RAISE(ABORT, 'This job was already finished at this station; a bundle for it is refused so that no second card is printed.');
END;

CREATE TRIGGER jobs_tombstone AFTER UPDATE OF state ON jobs
WHEN NEW.state IN ('done', 'failed', 'cancelled', 'rejected')
BEGIN
  INSERT INTO tombstones (job_id, content_hash, outcome, finished_at_ms)
  VALUES (NEW.id, NEW.content_hash, NEW.state, NEW.updated_at_ms)
  ON CONFLICT (job_id) DO UPDATE SET outcome = excluded.outcome,
                                     finished_at_ms = excluded.finished_at_ms;
END;

CREATE TRIGGER jobs_tombstone_insert AFTER INSERT ON jobs
WHEN NEW.state IN ('done', 'failed', 'cancelled', 'rejected')
BEGIN
  INSERT INTO tombstones (job_id, content_hash, outcome, finished_at_ms)
  VALUES (NEW.id, NEW.content_hash, NEW.state, NEW.updated_at_ms)
  ON CONFLICT (job_id) DO UPDATE SET outcome = excluded.outcome,
                                     finished_at_ms = excluded.finished_at_ms;
END;

CREATE TRIGGER tombstones_keep BEFORE DELETE ON tombstones
BEGIN
  SELECT RAISE(ABORT, 'A finished job''s record is kept for good and cannot be deleted.');
END;

CREATE TABLE attempts (
  id                  INTEGER PRIMARY KEY,
  job_id              TEXT    NOT NULL REFERENCES jobs (id),
  number              INTEGER NOT NULL,               -- 1, 2, ... per job
  state               TEXT    NOT NULL,
  reprint             INTEGER NOT NULL DEFAULT 0 CHECK (reprint IN (0, 1)),
  chip_serial         TEXT,
  chip_uid            TEXT,
  cups_job_id         INTEGER,
  permit_hash         BLOB    UNIQUE CHECK (permit_hash IS NULL OR length(permit_hash) = 32),
  permit_issued_at_ms INTEGER,
  permit_used_at_ms   INTEGER,
  reason              TEXT,                           -- why spoiled / voided / recovered
  interrupted_in      TEXT,                           -- state found at recovery, if any
  started_at_ms       INTEGER NOT NULL,
  updated_at_ms       INTEGER NOT NULL,
  ended_at_ms         INTEGER,
  UNIQUE (job_id, number)
);
CREATE INDEX attempts_by_state ON attempts (state);

-- The print permit is single-use, whatever the C++ does: issued once, used once.
CREATE TRIGGER attempts_permit_once BEFORE UPDATE OF permit_hash ON attempts
WHEN OLD.permit_hash IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'A print permit was already issued for this attempt; it is never issued again.');
END;
CREATE TRIGGER attempts_permit_used_once BEFORE UPDATE OF permit_used_at_ms ON attempts
WHEN OLD.permit_used_at_ms IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'This print permit was already used; the card face is never sent twice.');
END;
CREATE TRIGGER attempts_permit_needs_issue BEFORE UPDATE OF permit_used_at_ms ON attempts
WHEN NEW.permit_used_at_ms IS NOT NULL AND OLD.permit_hash IS NULL
BEGIN
  SELECT RAISE(ABORT, 'No print permit was issued for this attempt.');
END;

-- Operator decisions on interrupted attempts (recovery.hpp), kept.
CREATE TABLE recovery_decisions (
  id              INTEGER PRIMARY KEY,
  attempt_id      INTEGER NOT NULL REFERENCES attempts (id),
  found_state     TEXT    NOT NULL,     -- to_recover or in_doubt
  decision        TEXT    NOT NULL,     -- card_good, card_spoiled, ...
  operator_id     TEXT    NOT NULL CHECK (length(operator_id) > 0),
  note            TEXT,
  decided_at_ms   INTEGER NOT NULL
);
