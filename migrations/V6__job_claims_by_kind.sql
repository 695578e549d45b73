-- Job runners claim by kind (settlements apart from the slow provisioning and notice kinds). With (status, run_at)
-- alone, every claim of a settlement read past each due provisioning job, and those pile up whenever WHM is slower
-- than payments arrive.
DROP INDEX jobs_claim_ix;
CREATE INDEX jobs_claim_ix ON jobs (status, kind, run_at);
