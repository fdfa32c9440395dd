-- 0005: a good card handed over to its citizen (Diambil). The job stays 'done'; the
-- handover is recorded once, and from then on the keyed NIK hash is no longer needed
-- for look-up (issue 12, item 8: kept "until handover"): Spool::hand_over overwrites
-- it with zeros in the same transaction.
ALTER TABLE jobs ADD COLUMN handed_over_at_ms INTEGER;
ALTER TABLE jobs ADD COLUMN handed_over_by TEXT;

CREATE TRIGGER jobs_handover_once BEFORE UPDATE OF handed_over_at_ms ON jobs
WHEN OLD.handed_over_at_ms IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'This card was already handed over.');
END;

CREATE TRIGGER jobs_handover_needs_good_card BEFORE UPDATE OF handed_over_at_ms ON jobs
WHEN NEW.handed_over_at_ms IS NOT NULL AND NEW.state <> 'done'
BEGIN
  SELECT RAISE(ABORT, 'Only a finished good card can be handed over.');
END;
