-- Every distinct evidence version ever received (the id is a hash of source, resource and facts).
CREATE TABLE evidence_item (
    evidence_id       text PRIMARY KEY,
    source            text        NOT NULL,
    resource_type     text        NOT NULL,
    resource_key      text        NOT NULL,
    facts             jsonb       NOT NULL,
    provenance        jsonb       NOT NULL,
    first_observed_at timestamptz NOT NULL,
    last_observed_at  timestamptz NOT NULL,
    first_run_id      text        NOT NULL
);
CREATE INDEX evidence_item_resource ON evidence_item (resource_key, last_observed_at);

-- The current state of each resource: its newest evidence and the verdict of every rule on it.
CREATE TABLE resource_state (
    resource_key   text PRIMARY KEY,
    resource_type  text        NOT NULL,
    source         text        NOT NULL,
    evidence_id    text        NOT NULL REFERENCES evidence_item (evidence_id),
    observed_at    timestamptz NOT NULL,
    run_id         text        NOT NULL,
    provenance     jsonb       NOT NULL,
    verdicts       jsonb       NOT NULL,
    in_scope       boolean     NOT NULL DEFAULT true,
    retired_by_run text
);
CREATE INDEX resource_state_type ON resource_state (resource_type, source);
CREATE INDEX resource_state_run ON resource_state (source, resource_type, run_id);

-- Collection runs as reported by collectors.
CREATE TABLE collection_run (
    run_id         text PRIMARY KEY,
    collector      text        NOT NULL,
    source         text        NOT NULL,
    state          text        NOT NULL,
    started_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    resource_types jsonb       NOT NULL,
    counts         jsonb       NOT NULL,
    failures       jsonb       NOT NULL
);

-- What the latest finished run of each (source, resource type) could and could not read.
CREATE TABLE coverage (
    coverage_key   text PRIMARY KEY, -- source + '|' + resource type
    source         text        NOT NULL,
    resource_type  text        NOT NULL,
    run_id         text        NOT NULL,
    run_state      text        NOT NULL,
    run_started_at timestamptz NOT NULL,
    finished_at    timestamptz NOT NULL,
    expected_count bigint      NOT NULL,
    gaps           jsonb       NOT NULL,
    scope_settled  boolean     NOT NULL -- true once a complete run's absent resources have left scope
);
CREATE INDEX coverage_type ON coverage (resource_type);

-- The last published status of each automated control.
CREATE TABLE control_state (
    control_id         text PRIMARY KEY,
    status             text        NOT NULL,
    evaluated_at       timestamptz NOT NULL,
    resources_in_scope integer     NOT NULL,
    failing_resources  jsonb       NOT NULL,
    reason             text,
    fingerprint        text        NOT NULL
);
