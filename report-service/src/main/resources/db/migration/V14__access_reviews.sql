-- Access review campaigns (docs/access-reviews.md). review_campaign and review_item hold where each campaign and each
-- reviewed access stand now; review_decision every decision ever taken (keep, revoke, and the closed loop's
-- confirmation that a revoked access is gone) with who and when, and review_campaign_version every version's document
-- (kept in the evidence store, published as evidence): both append-only, enforced below.
CREATE TABLE ${flyway:defaultSchema}.review_campaign (
    campaign_id      VARCHAR(36)   PRIMARY KEY,
    control_id       VARCHAR(64)   NOT NULL,
    opened_on        DATE          NOT NULL,
    due_on           DATE          NOT NULL CHECK (due_on >= opened_on),
    completed_on     DATE,
    opened_by        VARCHAR(200)  NOT NULL,
    opened_at        TIMESTAMPTZ   NOT NULL,
    version          INTEGER       NOT NULL CHECK (version > 0),
    document_sha256  VARCHAR(64)   NOT NULL,
    superseded_by    VARCHAR(36)
);
CREATE INDEX review_campaign_control ON ${flyway:defaultSchema}.review_campaign (control_id, opened_at);

CREATE TABLE ${flyway:defaultSchema}.review_item (
    campaign_id      VARCHAR(36)   NOT NULL REFERENCES ${flyway:defaultSchema}.review_campaign (campaign_id),
    item_id          INTEGER       NOT NULL CHECK (item_id > 0),
    access_key       TEXT          NOT NULL,
    system           VARCHAR(32)   NOT NULL,
    account          TEXT,
    person           TEXT,
    privilege        TEXT          NOT NULL,
    resource_key     TEXT          NOT NULL,
    evidence_id      TEXT,
    reviewer         VARCHAR(200)  NOT NULL,
    reviewer_basis   VARCHAR(16)   NOT NULL,
    state            VARCHAR(20)   NOT NULL CHECK (state IN ('pending', 'kept', 'revoke-requested', 'revoked-confirmed')),
    decided_by       VARCHAR(200),
    decided_at       TIMESTAMPTZ,
    comment          TEXT,
    confirmed_at     TIMESTAMPTZ,
    PRIMARY KEY (campaign_id, item_id)
);
CREATE INDEX review_item_reviewer ON ${flyway:defaultSchema}.review_item (lower(reviewer), state);

CREATE TABLE ${flyway:defaultSchema}.review_decision (
    id               BIGSERIAL     PRIMARY KEY,
    campaign_id      VARCHAR(36)   NOT NULL,
    item_id          INTEGER       NOT NULL,
    decision         VARCHAR(16)   NOT NULL CHECK (decision IN ('keep', 'revoke', 'confirmed-gone')),
    decided_by       VARCHAR(200)  NOT NULL,
    decided_at       TIMESTAMPTZ   NOT NULL,
    comment          TEXT          NOT NULL,
    FOREIGN KEY (campaign_id, item_id) REFERENCES ${flyway:defaultSchema}.review_item (campaign_id, item_id)
);

CREATE TABLE ${flyway:defaultSchema}.review_campaign_version (
    campaign_id      VARCHAR(36)   NOT NULL REFERENCES ${flyway:defaultSchema}.review_campaign (campaign_id),
    version          INTEGER       NOT NULL CHECK (version > 0),
    change           VARCHAR(16)   NOT NULL CHECK (change IN ('opened', 'decided', 'confirmed', 'completed')),
    recorded_by      VARCHAR(200)  NOT NULL,
    recorded_at      TIMESTAMPTZ   NOT NULL,
    document_sha256  VARCHAR(64)   NOT NULL,
    PRIMARY KEY (campaign_id, version)
);

CREATE FUNCTION ${flyway:defaultSchema}.review_history_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP;
END
$$;

CREATE TRIGGER review_decision_append_only
    BEFORE UPDATE OR DELETE ON ${flyway:defaultSchema}.review_decision
    FOR EACH ROW EXECUTE FUNCTION ${flyway:defaultSchema}.review_history_is_append_only();
CREATE TRIGGER review_decision_no_truncate
    BEFORE TRUNCATE ON ${flyway:defaultSchema}.review_decision
    FOR EACH STATEMENT EXECUTE FUNCTION ${flyway:defaultSchema}.review_history_is_append_only();
CREATE TRIGGER review_campaign_version_append_only
    BEFORE UPDATE OR DELETE ON ${flyway:defaultSchema}.review_campaign_version
    FOR EACH ROW EXECUTE FUNCTION ${flyway:defaultSchema}.review_history_is_append_only();
CREATE TRIGGER review_campaign_version_no_truncate
    BEFORE TRUNCATE ON ${flyway:defaultSchema}.review_campaign_version
    FOR EACH STATEMENT EXECUTE FUNCTION ${flyway:defaultSchema}.review_history_is_append_only();
