-- Accepted risks: failures of a control (or of one resource) accepted until an expiry.
CREATE TABLE control_exception (
    exception_id  text PRIMARY KEY,
    control_id    text        NOT NULL,
    resource_key  text, -- null: every failing resource of the control
    owner         text        NOT NULL,
    justification text        NOT NULL,
    created_at    timestamptz NOT NULL,
    expires_at    timestamptz NOT NULL,
    revoked_at    timestamptz,
    revoked_by    text
);
CREATE INDEX control_exception_control ON control_exception (control_id);

-- Scoping decisions: a control recorded as not applicable to the system, and why.
CREATE TABLE scoping_decision (
    decision_id   text PRIMARY KEY,
    control_id    text        NOT NULL,
    justification text        NOT NULL,
    decided_by    text        NOT NULL,
    decided_at    timestamptz NOT NULL,
    revoked_at    timestamptz,
    revoked_by    text
);
CREATE UNIQUE INDEX scoping_decision_active ON scoping_decision (control_id) WHERE revoked_at IS NULL;
