-- The ledger becomes one hash chain per Kafka partition of the evidence topic (plus 'decisions' and 'derived'), so
-- transactions of different partitions append without waiting for each other; signed checkpoints bind the chains.
-- The records of before become the chain 'legacy', unchanged: their seq and hashes (which start from 64 zeros) stay
-- exactly what earlier bundles carry and what an auditor may hold, so they verify as they always did. Re-linking
-- them into per-partition chains would have meant new hashes for records already handed out.
ALTER TABLE evidence_ledger ADD COLUMN chain text NOT NULL DEFAULT 'legacy';
ALTER TABLE evidence_ledger ALTER COLUMN chain DROP DEFAULT;

-- seq now counts within a chain; position orders the whole ledger for paging (not hashed, not gap-free: a
-- rolled-back append leaves a hole). The legacy records keep their seq as position.
ALTER TABLE evidence_ledger ADD COLUMN position bigint;
UPDATE evidence_ledger SET position = seq;
ALTER TABLE evidence_ledger ALTER COLUMN position SET NOT NULL;
ALTER TABLE evidence_ledger DROP CONSTRAINT evidence_ledger_pkey;
ALTER TABLE evidence_ledger ADD PRIMARY KEY (position);
ALTER TABLE evidence_ledger ADD CONSTRAINT evidence_ledger_chain_seq UNIQUE (chain, seq);
CREATE SEQUENCE evidence_ledger_position OWNED BY evidence_ledger.position;
SELECT setval('evidence_ledger_position', COALESCE((SELECT max(seq) FROM evidence_ledger), 0) + 1, false);
ALTER TABLE evidence_ledger ALTER COLUMN position SET DEFAULT nextval('evidence_ledger_position');
DROP INDEX evidence_ledger_recorded;
CREATE INDEX evidence_ledger_recorded ON evidence_ledger (recorded_at, position);
CREATE INDEX evidence_ledger_chain_recorded ON evidence_ledger (chain, recorded_at, seq);

-- Each chain's head, locked (FOR UPDATE through the upsert) by the transaction appending to it: the lock is per
-- chain, and a checkpoint reads every committed head in one statement.
CREATE TABLE ledger_chain (
    chain     text PRIMARY KEY,
    head_seq  bigint NOT NULL,
    head_hash text   NOT NULL
);
INSERT INTO ledger_chain (chain, head_seq, head_hash)
SELECT 'legacy', seq, hash FROM evidence_ledger ORDER BY seq DESC LIMIT 1;

-- Signed checkpoints (dev.vigil.common.ledger.LedgerCheckpoint): every chain's head at created_at, chained by
-- prev_hash; heads as the canonical "<chain> <seq> <hash>" lines. signature null: signed by no key (event signing off).
CREATE TABLE ledger_checkpoint (
    seq        bigint PRIMARY KEY,
    created_at timestamptz NOT NULL,
    heads      text        NOT NULL,
    prev_hash  text        NOT NULL,
    key_id     text        NOT NULL,
    hash       text        NOT NULL UNIQUE,
    signature  text
);
CREATE INDEX ledger_checkpoint_created ON ledger_checkpoint (created_at, seq);
