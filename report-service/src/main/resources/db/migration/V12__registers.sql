-- The vendor, risk and incident registers (docs/registers.md). register_item holds each item's current version;
-- register_item_history every version ever recorded, with who made it and when: append-only, enforced below, so the
-- provenance of an item cannot be rewritten through the application or by hand. Each version is also published as
-- evidence (vigil.evidence.v1) and its document kept in the evidence store under document_sha256.
CREATE TABLE ${flyway:defaultSchema}.register_item (
    register         VARCHAR(16)   NOT NULL,              -- vendor, risk, incident
    item_id          VARCHAR(64)   NOT NULL,
    version          INTEGER       NOT NULL CHECK (version > 0),
    retired          BOOLEAN       NOT NULL,
    fields           JSONB         NOT NULL,
    changed_by       VARCHAR(200)  NOT NULL,
    changed_at       TIMESTAMPTZ   NOT NULL,
    document_sha256  VARCHAR(64)   NOT NULL,
    PRIMARY KEY (register, item_id)
);

CREATE TABLE ${flyway:defaultSchema}.register_item_history (
    register         VARCHAR(16)   NOT NULL,
    item_id          VARCHAR(64)   NOT NULL,
    version          INTEGER       NOT NULL CHECK (version > 0),
    retired          BOOLEAN       NOT NULL,
    fields           JSONB         NOT NULL,
    changed_by       VARCHAR(200)  NOT NULL,
    changed_at       TIMESTAMPTZ   NOT NULL,
    document_sha256  VARCHAR(64)   NOT NULL,
    change           VARCHAR(16)   NOT NULL CHECK (change IN ('created', 'updated', 'retired', 'reinstated')),
    via              VARCHAR(8)    NOT NULL CHECK (via IN ('api', 'csv')),
    PRIMARY KEY (register, item_id, version)
);

CREATE FUNCTION ${flyway:defaultSchema}.register_history_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'register_item_history is append-only: % refused', TG_OP;
END
$$;

CREATE TRIGGER register_item_history_append_only
    BEFORE UPDATE OR DELETE ON ${flyway:defaultSchema}.register_item_history
    FOR EACH ROW EXECUTE FUNCTION ${flyway:defaultSchema}.register_history_is_append_only();
CREATE TRIGGER register_item_history_no_truncate
    BEFORE TRUNCATE ON ${flyway:defaultSchema}.register_item_history
    FOR EACH STATEMENT EXECUTE FUNCTION ${flyway:defaultSchema}.register_history_is_append_only();
