-- Every status a control has had, as intervals: a status holds from its evaluation (valid_from) until the
-- control's next evaluation (valid_to), or is still current (valid_to NULL). SOC 2 Type II asks how a control
-- behaved on any day of a period; the latest status alone cannot say.
CREATE TABLE ${flyway:defaultSchema}.status_interval (
    id                 BIGSERIAL    PRIMARY KEY,
    control_id         VARCHAR(64)  NOT NULL,
    -- No CHECK on the status: statuses are added over time (STALE, EXCEPTED, NOT_APPLICABLE, ...) and
    -- history must accept whatever the evaluator published.
    status             VARCHAR(32)  NOT NULL,
    valid_from         TIMESTAMPTZ  NOT NULL,
    valid_to           TIMESTAMPTZ,
    resources_in_scope INTEGER      NOT NULL,
    reason             TEXT,
    failing_resources  JSONB        NOT NULL DEFAULT '[]'::jsonb,
    recorded_at        TIMESTAMPTZ  NOT NULL,
    -- evaluatedAt increases strictly per control, so one evaluation is one interval: a redelivered event
    -- cannot add a second one.
    CONSTRAINT status_interval_once UNIQUE (control_id, valid_from),
    CONSTRAINT status_interval_forward CHECK (valid_to IS NULL OR valid_to > valid_from)
);

-- At most one current interval per control.
CREATE UNIQUE INDEX status_interval_current ON ${flyway:defaultSchema}.status_interval (control_id)
    WHERE valid_to IS NULL;

-- A service upgraded from V1 already knows each control's latest status: that status has held since its
-- evaluation, so it becomes the current interval. Earlier statuses come back if the topic is replayed (older
-- events are inserted before it).
INSERT INTO ${flyway:defaultSchema}.status_interval
    (control_id, status, valid_from, valid_to, resources_in_scope, reason, failing_resources, recorded_at)
SELECT control_id, status, evaluated_at, NULL, resources_in_scope, reason, failing_resources, projected_at
FROM ${flyway:defaultSchema}.control_status;

-- V1 allowed only the four original statuses in the latest-status table; the evaluator now also publishes
-- STALE, EXCEPTED and NOT_APPLICABLE, which the constraint would reject (and dead-letter). The enum in
-- common is the one list of statuses.
ALTER TABLE ${flyway:defaultSchema}.control_status DROP CONSTRAINT IF EXISTS control_status_status_check;
ALTER TABLE ${flyway:defaultSchema}.control_status ALTER COLUMN status TYPE VARCHAR(32);
