-- The latest collection runs, as GET /api/collections shows them, shared by every instance. Bounded by
-- vigil.collection.history-size: older runs live on the collection-run topic.
CREATE TABLE run_history (
    run_id      text PRIMARY KEY,
    collector   text        NOT NULL,
    -- what a run of everything covers (the collector's source); null for a targeted run
    target      text,
    state       text        NOT NULL,
    started_at  timestamptz NOT NULL,
    finished_at timestamptz,
    -- the instance that ran it (vigil.collection.instance-id)
    instance    text        NOT NULL,
    -- the RunSummary as JSON
    summary     jsonb       NOT NULL
);
CREATE INDEX run_history_newest ON run_history (started_at DESC);
