-- One row per collector and target (what its run of everything covers): which instance runs it now, until when,
-- and the fencing token every write of that run must still match (RunLease). The row outlives its runs: its token
-- only grows, and last_started_at (with last_end, how that run ended) is what schedules and the run at start count
-- from.
CREATE TABLE run_lease (
    collector       text        NOT NULL,
    target          text        NOT NULL,
    holder          text,
    run_id          text,
    token           bigint      NOT NULL,
    expires_at      timestamptz NOT NULL,
    last_started_at timestamptz,
    last_end        text,
    PRIMARY KEY (collector, target)
);
