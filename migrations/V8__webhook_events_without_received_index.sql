-- The start-up catch-up reads when the newest event arrived from the newest rows by id (the primary key), so the
-- (provider, received_at) index is gone: every webhook wrote it, and PostgreSQL, planning with statistics from when
-- the table was small, chose it for the settlement's "mark this invoice's events processed" and read every event
-- received since (50 ms for 4,000 events) instead of the few about that invoice.
DROP INDEX webhook_events_received_ix;
