-- The GitHub ETag cache (ConditionalCache), shared by every instance: one row per identity and URL, named by the
-- sha256 of both, holding the entry encrypted (AES-256-GCM, the name as associated data); never a credential.
CREATE TABLE http_cache (
    name       text PRIMARY KEY,
    sealed     bytea       NOT NULL,
    written_at timestamptz NOT NULL DEFAULT now()
);
