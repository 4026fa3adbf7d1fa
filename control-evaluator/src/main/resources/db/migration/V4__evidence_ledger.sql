-- The evidence ledger: every evidence version the evaluator recorded, once, as a hash chain (each record holds the
-- hash of the one before, see dev.vigil.common.ledger.LedgerRecord for the canonical form). Append-only: a period's
-- segment goes into evidence bundles, and an auditor checks offline that it links.
CREATE TABLE evidence_ledger (
    seq           bigint PRIMARY KEY,
    evidence_id   text        NOT NULL UNIQUE REFERENCES evidence_item (evidence_id),
    source        text        NOT NULL,
    resource_type text        NOT NULL,
    resource_key  text        NOT NULL,
    observed_at   timestamptz NOT NULL,
    recorded_at   timestamptz NOT NULL,
    prev_hash     text        NOT NULL,
    hash          text        NOT NULL UNIQUE
);
CREATE INDEX evidence_ledger_recorded ON evidence_ledger (recorded_at, seq);
-- Versions recorded before the ledger existed are appended at the next start (EvidenceLedger.catchUp).
