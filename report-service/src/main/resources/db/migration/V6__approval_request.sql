-- Requests for risk acceptances and scoping decisions (and their revocations), made by one admin and approved or
-- rejected by another (four-eyes, docs/access.md). Rows are never deleted: a decided request stays as it was decided.
CREATE TABLE approval_request (
    request_id     text PRIMARY KEY,
    kind           text        NOT NULL,  -- RISK_ACCEPTANCE, RISK_ACCEPTANCE_REVOCATION, SCOPING_DECISION, ..._REVOCATION
    state          text        NOT NULL,  -- PENDING, APPROVED, REJECTED
    control_id     text        NOT NULL,
    resource_key   text,                  -- a risk acceptance of one resource; null: the whole control
    decision_id    text,                  -- what a revocation revokes; once approved, the evaluator's EX-/SD- id
    justification  text        NOT NULL,
    expires_at     timestamptz,           -- a risk acceptance's expiry
    requested_by   text        NOT NULL,
    requested_at   timestamptz NOT NULL,
    decided_by     text,
    decided_at     timestamptz,
    reason         text,                  -- why it was rejected
    four_eyes      boolean                -- whether four-eyes applied when it was decided
);
CREATE INDEX approval_request_control ON approval_request (control_id, requested_at);
CREATE INDEX approval_request_pending ON approval_request (state) WHERE state = 'PENDING';
