-- 0006: "never fed" (issue 12, item 5). The printer was told to feed a blank and the
-- feed was recorded (hopper -> card path), but the printer then reports that nothing
-- moved (its hopper was empty at feed time, the pick roller slipped): the blank is
-- still in the hopper. A new kind of movement, 'unfeed', puts it back: card path ->
-- hopper, one card, for the attempt whose feed it undoes (Spool::unfeed).
--
-- The kinds are a CHECK of the table (0002), and SQLite cannot change a CHECK in
-- place: the table is rebuilt (new table, rows copied, old table dropped, new one
-- renamed; sqlite.org/lang_altertable.html, "other kinds of table schema changes")
-- and every index and trigger of 0002 is made again, the kind lists with 'unfeed'.
-- Rows are copied before the triggers exist, so ledger_apply does not count them a
-- second time: ledger_balance (untouched) already holds their sum. Nothing references
-- ledger_movement by foreign key, and the copy keeps every id.

CREATE TABLE ledger_movement_0006 (
  id           INTEGER PRIMARY KEY,
  kind         TEXT NOT NULL,
  from_bucket  TEXT NOT NULL REFERENCES ledger_balance (bucket),
  to_bucket    TEXT NOT NULL REFERENCES ledger_balance (bucket),
  count        INTEGER NOT NULL CHECK (count > 0),
  reason       TEXT,            -- spoil reason code; correction/return/unfeed reason
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
  CHECK (from_bucket <> to_bucket),
  CHECK (kind <> 'receipt' OR (from_bucket = 'received' AND to_bucket = 'in_stock'
                               AND delivery_ref IS NOT NULL AND operator IS NOT NULL)),
  CHECK (kind <> 'load' OR (from_bucket = 'in_stock' AND to_bucket = 'in_hopper')),
  CHECK (kind <> 'feed' OR (from_bucket = 'in_hopper' AND to_bucket = 'in_card_path'
                            AND count = 1)),
  CHECK (kind <> 'unfeed' OR (from_bucket = 'in_card_path' AND to_bucket = 'in_hopper'
                              AND count = 1 AND attempt_id IS NOT NULL)),
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
  CHECK (kind IN ('receipt', 'load', 'feed', 'unfeed', 'issue', 'spoil', 'return',
                  'correction'))
);

INSERT INTO ledger_movement_0006 (id, kind, from_bucket, to_bucket, count, reason, note, serial,
    serial_first, serial_last, delivery_ref, job_id, attempt_id, operator, approver, at_ms)
  SELECT id, kind, from_bucket, to_bucket, count, reason, note, serial, serial_first,
         serial_last, delivery_ref, job_id, attempt_id, operator, approver, at_ms
    FROM ledger_movement ORDER BY id;

-- Its indexes and triggers go with it.
DROP TABLE ledger_movement;
ALTER TABLE ledger_movement_0006 RENAME TO ledger_movement;

CREATE INDEX ledger_movement_kind_at ON ledger_movement (kind, at_ms);
CREATE UNIQUE INDEX ledger_one_issue_per_attempt ON ledger_movement (attempt_id)
  WHERE kind = 'issue';
-- At most one unfeed per attempt (and only of a feed, see the trigger below).
CREATE UNIQUE INDEX ledger_one_unfeed_per_attempt ON ledger_movement (attempt_id)
  WHERE kind = 'unfeed';

CREATE TRIGGER ledger_refuse_unknown_kind BEFORE INSERT ON ledger_movement
WHEN NEW.kind NOT IN ('receipt', 'load', 'feed', 'unfeed', 'issue', 'spoil', 'return',
                      'correction')
BEGIN SELECT RAISE(ABORT, 'Unknown kind of card movement; nothing was recorded.'); END;

-- An unfeed undoes its attempt's feed, once, and only while that card has not been
-- counted as issued or spoiled.
CREATE TRIGGER ledger_refuse_unfeed_without_feed BEFORE INSERT ON ledger_movement
WHEN NEW.kind = 'unfeed' AND (
     NOT EXISTS (SELECT 1 FROM ledger_movement
                  WHERE kind = 'feed' AND attempt_id = NEW.attempt_id)
     OR EXISTS (SELECT 1 FROM ledger_movement
                 WHERE kind IN ('unfeed', 'issue', 'spoil') AND attempt_id = NEW.attempt_id))
BEGIN SELECT RAISE(ABORT, 'This attempt has no fed card left to put back into the hopper; nothing was recorded.'); END;

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

CREATE TRIGGER ledger_refuse_negative BEFORE INSERT ON ledger_movement
WHEN NEW.from_bucket <> 'received'
     AND (SELECT balance FROM ledger_balance WHERE bucket = NEW.from_bucket) < NEW.count
BEGIN
  SELECT CASE
    WHEN NEW.kind = 'feed' THEN
      RAISE(ABORT, 'The hopper has no cards; cannot feed. Load cards into the hopper first.')
    WHEN NEW.kind = 'issue' THEN
      RAISE(ABORT, 'No card is in the card path; cannot record an issued card. Check the printer and the last attempt.')
    WHEN NEW.kind = 'unfeed' THEN
      RAISE(ABORT, 'No card is in the card path; cannot put it back into the hopper. Check the printer and the last attempt.')
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

CREATE TRIGGER ledger_movement_no_update BEFORE UPDATE ON ledger_movement
BEGIN SELECT RAISE(ABORT, 'Card movements cannot be changed; record a correction instead.'); END;
CREATE TRIGGER ledger_movement_no_delete BEFORE DELETE ON ledger_movement
BEGIN SELECT RAISE(ABORT, 'Card movements cannot be deleted; record a correction instead.'); END;
