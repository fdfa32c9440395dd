-- 0002: the double-entry blank-card ledger (issue 12, item 5; mission.md invariant 2).
--
-- ledger_movement is the truth: every row moves `count` blanks from one bucket
-- to another. ledger_balance is a cache kept by triggers (fast /status); the
-- C++ check recomputes it from the movements. 'received' is the external
-- account: a movement from it brings blanks in (received and the target both
-- grow), a movement to it writes blanks off (both shrink); every other movement
-- takes from one bucket and gives to another. So, after every statement,
--   received = in_stock + in_hopper + in_card_path + issued + spoiled + returned
-- and the triggers below refuse anything that would make a bucket negative.
-- Jobs and attempts (0001) are referenced loosely (plain columns, no keys).

CREATE TABLE ledger_balance (
  bucket  TEXT PRIMARY KEY CHECK (bucket IN ('received', 'in_stock', 'in_hopper',
                                  'in_card_path', 'issued', 'spoiled', 'returned')),
  balance INTEGER NOT NULL DEFAULT 0 CHECK (balance >= 0)
) WITHOUT ROWID;

INSERT INTO ledger_balance (bucket) VALUES ('received'), ('in_stock'), ('in_hopper'),
  ('in_card_path'), ('issued'), ('spoiled'), ('returned');

CREATE TABLE ledger_movement (
  id           INTEGER PRIMARY KEY,
  kind         TEXT NOT NULL,
  from_bucket  TEXT NOT NULL REFERENCES ledger_balance (bucket),
  to_bucket    TEXT NOT NULL REFERENCES ledger_balance (bucket),
  count        INTEGER NOT NULL CHECK (count > 0),
  reason       TEXT,            -- spoil reason code; correction/return reason
  note         TEXT,            -- free words for people (no personal data)
  serial       TEXT,            -- chip serial (issue, spoil) when known
  serial_first TEXT,            -- receipt: serial range when known
  serial_last  TEXT,
  delivery_ref TEXT,            -- receipt: delivery note / letter number
  job_id       TEXT,            -- loose reference to jobs (0001)
  attempt_id   INTEGER,         -- loose reference to attempts (0001)
  operator     TEXT,            -- NULL: done by the station itself (pipeline)
  approver     TEXT,            -- the second person (corrections, voids)
  at_ms        INTEGER NOT NULL, -- Unix time, milliseconds, UTC
  -- Shape of each kind (backstops; the triggers below give the messages).
  CHECK (from_bucket <> to_bucket),
  CHECK (kind <> 'receipt' OR (from_bucket = 'received' AND to_bucket = 'in_stock'
                               AND delivery_ref IS NOT NULL AND operator IS NOT NULL)),
  CHECK (kind <> 'load' OR (from_bucket = 'in_stock' AND to_bucket = 'in_hopper')),
  CHECK (kind <> 'feed' OR (from_bucket = 'in_hopper' AND to_bucket = 'in_card_path'
                            AND count = 1)),
  CHECK (kind <> 'issue' OR (from_bucket = 'in_card_path' AND to_bucket = 'issued'
                             AND count = 1 AND serial IS NOT NULL AND attempt_id IS NOT NULL)),
  CHECK (kind <> 'spoil' OR (to_bucket = 'spoiled' AND reason IN ('chip_unreadable',
         'write_failed', 'verify_failed', 'lock_failed', 'print_failed', 'jam',
         'double_feed', 'damaged', 'voided', 'operator')
         AND (from_bucket = 'in_hopper'
              OR (from_bucket = 'in_card_path' AND count = 1)
              OR (from_bucket = 'issued' AND reason = 'voided' AND count = 1)))),
  CHECK (kind <> 'return' OR (from_bucket = 'in_stock' AND to_bucket = 'returned'
                              AND operator IS NOT NULL)),
  CHECK (kind <> 'correction' OR (reason IS NOT NULL AND operator IS NOT NULL
         AND approver IS NOT NULL AND approver <> operator)),
  CHECK (kind IN ('receipt', 'load', 'feed', 'issue', 'spoil', 'return', 'correction'))
);

CREATE INDEX ledger_movement_kind_at ON ledger_movement (kind, at_ms);
-- One good card per attempt (a second card is a new, approved attempt).
CREATE UNIQUE INDEX ledger_one_issue_per_attempt ON ledger_movement (attempt_id)
  WHERE kind = 'issue';

-- Refusals with a message for people. RAISE takes a fixed text here (SQLite
-- 3.40), so the C++ layer adds the current count to the message.
CREATE TRIGGER ledger_refuse_unknown_kind BEFORE INSERT ON ledger_movement
WHEN NEW.kind NOT IN ('receipt', 'load', 'feed', 'issue', 'spoil', 'return', 'correction')
BEGIN SELECT RAISE(ABORT, 'Unknown kind of card movement; nothing was recorded.'); END;

CREATE TRIGGER ledger_refuse_bad_spoil_reason BEFORE INSERT ON ledger_movement
WHEN NEW.kind = 'spoil' AND (NEW.reason IS NULL OR NEW.reason NOT IN ('chip_unreadable',
     'write_failed', 'verify_failed', 'lock_failed', 'print_failed', 'jam', 'double_feed',
     'damaged', 'voided', 'operator'))
BEGIN SELECT RAISE(ABORT, 'Unknown reason for a spoiled card; choose one of the listed reasons. Nothing was recorded.'); END;

CREATE TRIGGER ledger_refuse_void_without_two BEFORE INSERT ON ledger_movement
WHEN NEW.kind = 'spoil' AND NEW.from_bucket = 'issued'
     AND (NEW.operator IS NULL OR NEW.approver IS NULL OR NEW.operator = NEW.approver)
BEGIN SELECT RAISE(ABORT, 'Voiding an issued card needs two different people: the operator and a supervisor who approves it.'); END;

CREATE TRIGGER ledger_refuse_correction_without_two BEFORE INSERT ON ledger_movement
WHEN NEW.kind = 'correction'
     AND (NEW.operator IS NULL OR NEW.approver IS NULL OR NEW.operator = NEW.approver)
BEGIN SELECT RAISE(ABORT, 'A stock correction needs two different people: the operator who counted and a supervisor who approves it.'); END;

CREATE TRIGGER ledger_refuse_correction_without_reason BEFORE INSERT ON ledger_movement
WHEN NEW.kind = 'correction' AND (NEW.reason IS NULL OR NEW.reason = '')
BEGIN SELECT RAISE(ABORT, 'A stock correction needs a reason; nothing was recorded.'); END;

CREATE TRIGGER ledger_refuse_issue_without_serial BEFORE INSERT ON ledger_movement
WHEN NEW.kind = 'issue' AND (NEW.serial IS NULL OR NEW.attempt_id IS NULL)
BEGIN SELECT RAISE(ABORT, 'An issued card needs its chip serial and its attempt; nothing was recorded.'); END;

CREATE TRIGGER ledger_refuse_second_issue BEFORE INSERT ON ledger_movement
WHEN NEW.kind = 'issue' AND EXISTS (SELECT 1 FROM ledger_movement
                                    WHERE kind = 'issue' AND attempt_id = NEW.attempt_id)
BEGIN SELECT RAISE(ABORT, 'This attempt already has its good card; another card needs a reprint approved by a supervisor.'); END;

-- Not enough blanks where they are taken from (the external account has no limit).
CREATE TRIGGER ledger_refuse_negative BEFORE INSERT ON ledger_movement
WHEN NEW.from_bucket <> 'received'
     AND (SELECT balance FROM ledger_balance WHERE bucket = NEW.from_bucket) < NEW.count
BEGIN
  SELECT CASE
    WHEN NEW.kind = 'feed' THEN
      RAISE(ABORT, 'The hopper has no cards; cannot feed. Load cards into the hopper first.')
    WHEN NEW.kind = 'issue' THEN
      RAISE(ABORT, 'No card is in the card path; cannot record an issued card. Check the printer and the last attempt.')
    WHEN NEW.kind = 'load' THEN
      RAISE(ABORT, 'Not enough blank cards in stock for this load. Count the stock, load fewer cards, or record the delivery first.')
    WHEN NEW.kind = 'return' THEN
      RAISE(ABORT, 'Not enough blank cards in stock to return this many. Count the stock and return fewer cards.')
    WHEN NEW.kind = 'spoil' AND NEW.from_bucket = 'in_card_path' THEN
      RAISE(ABORT, 'No card is in the card path; cannot record it as spoiled. Check the printer.')
    WHEN NEW.kind = 'spoil' AND NEW.from_bucket = 'in_hopper' THEN
      RAISE(ABORT, 'The hopper does not hold that many cards; cannot record them as spoiled. Count the hopper first.')
    WHEN NEW.kind = 'spoil' THEN
      RAISE(ABORT, 'No issued card is left to void; nothing was recorded.')
    ELSE
      RAISE(ABORT, 'This correction would take more cards out of a place than it holds. Count again and correct by the difference.')
  END;
END;

-- The cache follows the movement, then the equation is checked (a bug guard).
CREATE TRIGGER ledger_apply AFTER INSERT ON ledger_movement
BEGIN
  UPDATE ledger_balance
     SET balance = balance + CASE
       WHEN NEW.from_bucket = 'received' THEN NEW.count        -- blanks come in
       WHEN NEW.to_bucket = 'received' THEN -NEW.count         -- blanks written off
       WHEN bucket = NEW.from_bucket THEN -NEW.count
       ELSE NEW.count END
   WHERE bucket IN (NEW.from_bucket, NEW.to_bucket);
  SELECT RAISE(ABORT, 'The blank-card ledger does not balance; nothing was recorded. Report this fault.')
   WHERE (SELECT balance FROM ledger_balance WHERE bucket = 'received') <>
         (SELECT total(balance) FROM ledger_balance WHERE bucket <> 'received');
END;

-- The movements are the truth: never changed, never deleted.
CREATE TRIGGER ledger_movement_no_update BEFORE UPDATE ON ledger_movement
BEGIN SELECT RAISE(ABORT, 'Card movements cannot be changed; record a correction instead.'); END;
CREATE TRIGGER ledger_movement_no_delete BEFORE DELETE ON ledger_movement
BEGIN SELECT RAISE(ABORT, 'Card movements cannot be deleted; record a correction instead.'); END;
CREATE TRIGGER ledger_balance_no_delete BEFORE DELETE ON ledger_balance
BEGIN SELECT RAISE(ABORT, 'Ledger buckets cannot be deleted.'); END;
