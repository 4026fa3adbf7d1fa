-- Documents Vigil generated from collected evidence (docs/controls.md, "Generated documents"). As for uploads, the
-- evidence event on vigil.evidence.v1 is the record of truth and the JSON itself is in the evidence store by sha256;
-- this table lists what was generated, and lets a generator skip a snapshot identical to today's.
CREATE TABLE ${flyway:defaultSchema}.generated_document (
    generation_id   UUID          PRIMARY KEY,            -- the evidence event's runId
    generator       VARCHAR(100)  NOT NULL,
    control_id      VARCHAR(64)   NOT NULL,
    document_type   VARCHAR(64)   NOT NULL,
    effective_date  DATE          NOT NULL,
    content_sha256  VARCHAR(64)   NOT NULL,               -- of the entries alone (same entries, same day: same snapshot)
    sha256          VARCHAR(64)   NOT NULL,               -- of the document as stored
    evidence_id     VARCHAR(80)   NOT NULL,
    resource_key    VARCHAR(400)  NOT NULL,
    entry_count     INTEGER       NOT NULL,
    source_count    INTEGER       NOT NULL,
    size_bytes      BIGINT        NOT NULL,
    generated_at    TIMESTAMPTZ   NOT NULL
);
CREATE INDEX generated_document_by_generator ON ${flyway:defaultSchema}.generated_document (generator, generated_at DESC);
