-- A settlement marks the events about its Strike invoice processed, and the start-up catch-up reads where the newest
-- event left off. Without these, both read every event ever received, and each settlement got slower than the last.
-- received_at is in the first index so that SQLite, which has no statistics here, never prefers the second one for
-- the settlement's "received before" condition (it did, and scanned every event again).
CREATE INDEX webhook_events_unprocessed_ix ON webhook_events (provider, entity_id, received_at) WHERE processed_at IS NULL;
CREATE INDEX webhook_events_received_ix ON webhook_events (provider, received_at);
