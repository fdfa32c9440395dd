-- 0007: a print permit that was never used may be withdrawn (the attempt goes back to
-- chip_locked, the card still at the encoder), so that a print job CUPS ended before
-- the station's backend asked for the face (cupsd refused or lost the placeholder, the
-- queue was paused before the job ran) can be submitted again under a fresh permit.
-- A used permit stays for good: once used, never cleared, never issued again.
ALTER TABLE attempts ADD COLUMN permits_withdrawn INTEGER NOT NULL DEFAULT 0;

DROP TRIGGER attempts_permit_once;
CREATE TRIGGER attempts_permit_once BEFORE UPDATE OF permit_hash ON attempts
WHEN OLD.permit_hash IS NOT NULL
 AND NOT (NEW.permit_hash IS NULL AND OLD.permit_used_at_ms IS NULL
          AND NEW.state = 'chip_locked')
BEGIN
  SELECT RAISE(ABORT, 'A print permit was already issued for this attempt; only an unused one can be withdrawn.');
END;
