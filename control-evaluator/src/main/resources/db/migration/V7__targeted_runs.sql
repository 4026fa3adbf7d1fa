-- Event-driven collection (issue 14): a targeted run re-reads only what a provider event named. Its evidence moves a
-- resource's facts and verdicts but not the sweep that saw it last (run_id), which scope settlement counts and
-- retires by. swept_at is when that sweep observed the resource: a sweep's evidence older than a targeted
-- observation still marks the resource seen by the sweep, and a replayed older sweep never does. Null: only
-- targeted runs have seen the resource. Every row so far came from a sweep.
ALTER TABLE resource_state ADD COLUMN swept_at timestamptz;
UPDATE resource_state SET swept_at = observed_at;

-- The provider event a targeted run answered (provider, delivery id, event type, received time); null for a sweep.
ALTER TABLE collection_run ADD COLUMN trigger jsonb;
