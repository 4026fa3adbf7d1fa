-- Dead letters replayed by an admin (POST /api/dead-letters/replay, docs/reliability.md#replaying-dead-letters):
-- one row per dead letter, so replaying it again publishes nothing. Rows are never deleted; who replayed what is
-- also in the audit log.
CREATE TABLE dead_letter_replay (
    dead_letter_id   text PRIMARY KEY,     -- <dead-letter topic>/<partition>/<offset>
    replayed_at      timestamptz NOT NULL,
    replayed_by      text        NOT NULL,
    target_topic     text        NOT NULL, -- where the replayed record went, as the broker acknowledged it
    target_partition integer     NOT NULL,
    target_offset    bigint      NOT NULL
);
