-- Observation periods an auditor may see: their bundles and period summaries inside [period_from, period_to).
CREATE TABLE auditor_grant (
    grant_id    text PRIMARY KEY,
    principal   text        NOT NULL,
    period_from timestamptz NOT NULL,
    period_to   timestamptz NOT NULL,
    granted_by  text        NOT NULL,
    granted_at  timestamptz NOT NULL,
    revoked_at  timestamptz,
    revoked_by  text,
    CHECK (period_from < period_to)
);
CREATE INDEX auditor_grant_principal ON auditor_grant (principal);

-- Who uploaded or downloaded what, when, with the sha256 of what moved. Append-only.
CREATE TABLE audit_log (
    entry_id   bigserial PRIMARY KEY,
    at         timestamptz NOT NULL,
    principal  text        NOT NULL,
    roles      text        NOT NULL,
    action     text        NOT NULL,
    target     text        NOT NULL,
    sha256     text,
    detail     text
);
CREATE INDEX audit_log_at ON audit_log (at);
