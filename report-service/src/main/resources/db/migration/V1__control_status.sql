-- The latest status of each control, as projected from vigil.control-status.v1.
-- One row per control; failing_resources is the event's list as JSON, for display only.
CREATE TABLE ${flyway:defaultSchema}.control_status (
    control_id         VARCHAR(64)  PRIMARY KEY,
    status             VARCHAR(16)  NOT NULL CHECK (status IN ('PASS', 'FAIL', 'NOT_EVALUATED', 'NO_EVIDENCE')),
    evaluated_at       TIMESTAMPTZ  NOT NULL,
    resources_in_scope INTEGER      NOT NULL,
    reason             TEXT,
    failing_resources  JSONB        NOT NULL DEFAULT '[]'::jsonb,
    projected_at       TIMESTAMPTZ  NOT NULL
);
