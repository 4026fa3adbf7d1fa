-- Policies (docs/policies.md): versioned documents approved by their owner and acknowledged by every active person.
-- policy holds each policy as it stands; policy_history every version of that record; policy_version, policy_approval
-- and policy_acknowledgement what was written, approved and acknowledged, with who and when. The last four are
-- append-only, enforced below, so the provenance of a policy cannot be rewritten through the application or by hand.
-- Each version's document is kept in the evidence store under document_sha256.
CREATE TABLE ${flyway:defaultSchema}.policy (
    policy_id   VARCHAR(64)   PRIMARY KEY,
    revision    INTEGER       NOT NULL CHECK (revision > 0),
    title       VARCHAR(200)  NOT NULL,
    owner       VARCHAR(200)  NOT NULL,              -- who approves its versions: a sign-in name
    controls    JSONB         NOT NULL,              -- the control ids it backs
    changed_by  VARCHAR(200)  NOT NULL,
    changed_at  TIMESTAMPTZ   NOT NULL
);

CREATE TABLE ${flyway:defaultSchema}.policy_history (
    policy_id   VARCHAR(64)   NOT NULL REFERENCES ${flyway:defaultSchema}.policy (policy_id),
    revision    INTEGER       NOT NULL CHECK (revision > 0),
    title       VARCHAR(200)  NOT NULL,
    owner       VARCHAR(200)  NOT NULL,
    controls    JSONB         NOT NULL,
    changed_by  VARCHAR(200)  NOT NULL,
    changed_at  TIMESTAMPTZ   NOT NULL,
    PRIMARY KEY (policy_id, revision)
);

CREATE TABLE ${flyway:defaultSchema}.policy_version (
    policy_id        VARCHAR(64)   NOT NULL REFERENCES ${flyway:defaultSchema}.policy (policy_id),
    version          INTEGER       NOT NULL CHECK (version > 0),
    document_sha256  VARCHAR(64)   NOT NULL,
    effective_date   DATE          NOT NULL,
    recorded_by      VARCHAR(200)  NOT NULL,
    recorded_at      TIMESTAMPTZ   NOT NULL,
    PRIMARY KEY (policy_id, version)
);

CREATE TABLE ${flyway:defaultSchema}.policy_approval (
    policy_id    VARCHAR(64)   NOT NULL,
    version      INTEGER       NOT NULL,
    approved_by  VARCHAR(200)  NOT NULL,
    approved_at  TIMESTAMPTZ   NOT NULL,
    PRIMARY KEY (policy_id, version),
    FOREIGN KEY (policy_id, version) REFERENCES ${flyway:defaultSchema}.policy_version (policy_id, version)
);

CREATE TABLE ${flyway:defaultSchema}.policy_acknowledgement (
    policy_id        VARCHAR(64)   NOT NULL,
    version          INTEGER       NOT NULL,
    person           VARCHAR(320)  NOT NULL,         -- lower case: the address the identity providers list
    acknowledged_at  TIMESTAMPTZ   NOT NULL,
    recorded_by      VARCHAR(200)  NOT NULL,
    recorded_at      TIMESTAMPTZ   NOT NULL,
    via              VARCHAR(8)    NOT NULL CHECK (via IN ('self', 'csv')),
    PRIMARY KEY (policy_id, version, person),
    FOREIGN KEY (policy_id, version) REFERENCES ${flyway:defaultSchema}.policy_approval (policy_id, version)
);

CREATE FUNCTION ${flyway:defaultSchema}.policy_records_are_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP;
END
$$;

CREATE TRIGGER policy_history_append_only BEFORE UPDATE OR DELETE ON ${flyway:defaultSchema}.policy_history
    FOR EACH ROW EXECUTE FUNCTION ${flyway:defaultSchema}.policy_records_are_append_only();
CREATE TRIGGER policy_history_no_truncate BEFORE TRUNCATE ON ${flyway:defaultSchema}.policy_history
    FOR EACH STATEMENT EXECUTE FUNCTION ${flyway:defaultSchema}.policy_records_are_append_only();
CREATE TRIGGER policy_version_append_only BEFORE UPDATE OR DELETE ON ${flyway:defaultSchema}.policy_version
    FOR EACH ROW EXECUTE FUNCTION ${flyway:defaultSchema}.policy_records_are_append_only();
CREATE TRIGGER policy_version_no_truncate BEFORE TRUNCATE ON ${flyway:defaultSchema}.policy_version
    FOR EACH STATEMENT EXECUTE FUNCTION ${flyway:defaultSchema}.policy_records_are_append_only();
CREATE TRIGGER policy_approval_append_only BEFORE UPDATE OR DELETE ON ${flyway:defaultSchema}.policy_approval
    FOR EACH ROW EXECUTE FUNCTION ${flyway:defaultSchema}.policy_records_are_append_only();
CREATE TRIGGER policy_approval_no_truncate BEFORE TRUNCATE ON ${flyway:defaultSchema}.policy_approval
    FOR EACH STATEMENT EXECUTE FUNCTION ${flyway:defaultSchema}.policy_records_are_append_only();
CREATE TRIGGER policy_acknowledgement_append_only BEFORE UPDATE OR DELETE
    ON ${flyway:defaultSchema}.policy_acknowledgement
    FOR EACH ROW EXECUTE FUNCTION ${flyway:defaultSchema}.policy_records_are_append_only();
CREATE TRIGGER policy_acknowledgement_no_truncate BEFORE TRUNCATE ON ${flyway:defaultSchema}.policy_acknowledgement
    FOR EACH STATEMENT EXECUTE FUNCTION ${flyway:defaultSchema}.policy_records_are_append_only();
