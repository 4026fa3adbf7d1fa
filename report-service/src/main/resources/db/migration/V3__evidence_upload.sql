-- Documents uploaded as evidence of manual controls (POST /api/evidence/uploads). The evidence event on
-- vigil.evidence.v1 is the record of truth; this table lists uploads and serves each file with its name and type.
-- The bytes themselves are in the content-addressed evidence store, under sha256.
CREATE TABLE ${flyway:defaultSchema}.evidence_upload (
    upload_id      UUID          PRIMARY KEY,            -- the evidence event's runId, fresh per upload
    evidence_id    VARCHAR(80)   NOT NULL,               -- "sha256:" + 64 hex
    resource_key   VARCHAR(400)  NOT NULL,               -- manual:<control>:<document type>:<sha256>
    sha256         VARCHAR(64)   NOT NULL,
    control_id     VARCHAR(64)   NOT NULL,
    document_type  VARCHAR(64)   NOT NULL,
    effective_date DATE          NOT NULL,
    approver       VARCHAR(200)  NOT NULL,
    uploaded_by    VARCHAR(200),                         -- null until uploads are authenticated and nobody said
    file_name      VARCHAR(255)  NOT NULL,
    media_type     VARCHAR(255)  NOT NULL,
    size_bytes     BIGINT        NOT NULL CHECK (size_bytes > 0),
    uploaded_at    TIMESTAMPTZ   NOT NULL
);
CREATE INDEX evidence_upload_by_control ON ${flyway:defaultSchema}.evidence_upload (control_id, uploaded_at DESC);
CREATE INDEX evidence_upload_by_sha256 ON ${flyway:defaultSchema}.evidence_upload (sha256, uploaded_at DESC);
