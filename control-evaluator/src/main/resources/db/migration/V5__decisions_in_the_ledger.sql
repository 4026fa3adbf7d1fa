-- Risk acceptances and scoping decisions are made in report-service by a requester and approved by another admin
-- (four-eyes); the evaluator records both names and, for a revocation, who requested and who approved it.
ALTER TABLE control_exception ADD COLUMN requested_by text;
ALTER TABLE control_exception ADD COLUMN approved_by text;
ALTER TABLE control_exception ADD COLUMN revocation_approved_by text;
UPDATE control_exception SET requested_by = owner;
ALTER TABLE control_exception ALTER COLUMN requested_by SET NOT NULL;

ALTER TABLE scoping_decision ADD COLUMN approved_by text;
ALTER TABLE scoping_decision ADD COLUMN revocation_approved_by text;

-- Each decision (created or revoked) joins the evidence ledger like an evidence version: the ledger record's
-- evidence_id is the sha256 of the decision's document (dev.vigil.common.ledger.LedgerDecision), kept here so
-- bundles can carry it. A ledger record now references an evidence item or a decision.
CREATE TABLE ledger_decision (
    evidence_id   text PRIMARY KEY,
    resource_type text        NOT NULL,
    resource_key  text        NOT NULL,
    control_id    text        NOT NULL,
    decided_at    timestamptz NOT NULL,
    document      text        NOT NULL
);
ALTER TABLE evidence_ledger DROP CONSTRAINT evidence_ledger_evidence_id_fkey;
