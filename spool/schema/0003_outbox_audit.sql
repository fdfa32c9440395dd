-- 0003: the outbox of events for the central office (issue 12, item 6) and the
-- append-only audit log of operator actions (item 7).

-- Event ids are (station id, store id, seq). The station id is the same for
-- every row of a store (and may be set only at enrolment), so it is added when
-- the events are sent; the store id is kept per row because a restored store
-- gets a new one and its older events keep theirs. seq counts per store id from 1
-- with no holes: the counter row only moves forward by one, and only through
-- an inserted event (the triggers below), in the same statement, so a rolled
-- back transaction takes its number back with it. It is not the rowid: pruning
-- acknowledged events later must never hand a used number out again.
CREATE TABLE outbox_counter (
  store_id TEXT PRIMARY KEY,
  last_seq INTEGER NOT NULL CHECK (last_seq > 0)
) WITHOUT ROWID;

CREATE TABLE outbox_event (
  id         INTEGER PRIMARY KEY,  -- local order of insertion
  store_id   TEXT NOT NULL CHECK (store_id <> ''),
  seq        INTEGER NOT NULL CHECK (seq > 0),
  type       TEXT NOT NULL CHECK (type IN ('job_accepted', 'job_rejected', 'job_printing',
               'card_good', 'job_failed', 'handed_over', 'blank_spoiled', 'stock_report',
               'audit_entry', 'heartbeat')),
  job_id     TEXT,                 -- loose reference to jobs (0001)
  payload    TEXT NOT NULL CHECK (json_valid(payload) AND json_type(payload) = 'object'),
  created_ms INTEGER NOT NULL,     -- Unix time, milliseconds, UTC
  acked_ms   INTEGER,              -- when the central office confirmed it
  UNIQUE (store_id, seq)
);

CREATE INDEX outbox_event_unacked ON outbox_event (id) WHERE acked_ms IS NULL;

CREATE TRIGGER outbox_seq_in_order BEFORE INSERT ON outbox_event
WHEN NEW.seq <> coalesce((SELECT last_seq FROM outbox_counter WHERE store_id = NEW.store_id), 0) + 1
BEGIN SELECT RAISE(ABORT, 'Outbox event out of sequence; nothing was recorded. Report this fault.'); END;

CREATE TRIGGER outbox_seq_advance AFTER INSERT ON outbox_event
BEGIN
  INSERT INTO outbox_counter (store_id, last_seq) VALUES (NEW.store_id, NEW.seq)
    ON CONFLICT (store_id) DO UPDATE SET last_seq = excluded.last_seq;
END;

CREATE TRIGGER outbox_counter_forward BEFORE UPDATE ON outbox_counter
WHEN NEW.store_id IS NOT OLD.store_id OR NEW.last_seq <> OLD.last_seq + 1
BEGIN SELECT RAISE(ABORT, 'The outbox counter only moves forward by one.'); END;
CREATE TRIGGER outbox_counter_no_delete BEFORE DELETE ON outbox_counter
BEGIN SELECT RAISE(ABORT, 'The outbox counter cannot be deleted.'); END;

-- An event never changes, except being marked acknowledged once.
CREATE TRIGGER outbox_event_only_ack BEFORE UPDATE ON outbox_event
WHEN OLD.acked_ms IS NOT NULL OR NEW.acked_ms IS NULL
  OR NEW.id IS NOT OLD.id OR NEW.store_id IS NOT OLD.store_id OR NEW.seq IS NOT OLD.seq OR NEW.type IS NOT OLD.type
  OR NEW.job_id IS NOT OLD.job_id OR NEW.payload IS NOT OLD.payload
  OR NEW.created_ms IS NOT OLD.created_ms
BEGIN SELECT RAISE(ABORT, 'Outbox events cannot be changed, only marked acknowledged once.'); END;

CREATE TRIGGER outbox_event_keep_unacked BEFORE DELETE ON outbox_event
WHEN OLD.acked_ms IS NULL
BEGIN SELECT RAISE(ABORT, 'An event the central office has not acknowledged cannot be deleted.'); END;

-- Audit log: every operator action, who, when, what, and the approver where two
-- people are needed (reprints, voids, cancels, stock corrections: mission.md).
CREATE TABLE audit_log (
  id          INTEGER PRIMARY KEY,
  at_ms       INTEGER NOT NULL,    -- Unix time, milliseconds, UTC
  operator    TEXT NOT NULL CHECK (operator <> ''),   -- the operator's account
  action      TEXT NOT NULL CHECK (action <> ''),     -- e.g. 'stock.load', 'job.cancel'
  target_kind TEXT,                -- e.g. 'job', 'attempt', 'ledger_movement'
  target_id   TEXT,                -- an id, never personal data
  detail      TEXT CHECK (detail IS NULL OR json_valid(detail)),
  approver    TEXT CHECK (approver IS NULL OR approver <> ''),
  CHECK (approver IS NULL OR approver <> operator),
  CHECK (action NOT IN ('job.reprint', 'card.void', 'job.cancel', 'stock.correct')
         OR approver IS NOT NULL)
);

CREATE INDEX audit_log_at ON audit_log (at_ms);

CREATE TRIGGER audit_needs_two BEFORE INSERT ON audit_log
WHEN NEW.action IN ('job.reprint', 'card.void', 'job.cancel', 'stock.correct')
     AND (NEW.approver IS NULL OR NEW.approver = NEW.operator)
BEGIN SELECT RAISE(ABORT, 'This action needs a second person: a supervisor, other than the operator, must approve it.'); END;

CREATE TRIGGER audit_approver_not_operator BEFORE INSERT ON audit_log
WHEN NEW.approver IS NOT NULL AND NEW.approver = NEW.operator
BEGIN SELECT RAISE(ABORT, 'The operator cannot approve their own action; ask a supervisor.'); END;

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'The audit log cannot be changed; it only grows.'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'The audit log cannot be deleted from; it only grows.'); END;
