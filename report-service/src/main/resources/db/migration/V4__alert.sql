-- Slack alerts: every alert the service decided on, and what became of it. The table is also the outbox the
-- scheduled sender delivers from, so an alert recorded with its status event survives a crash before it is sent,
-- and one marked SENT is never sent again.
CREATE TABLE ${flyway:defaultSchema}.alert (
    id              BIGSERIAL     PRIMARY KEY,
    -- <control>/<transition>/<the status event's evaluatedAt>: one alert per transition, however often the
    -- event that caused it is delivered or replayed.
    alert_key       VARCHAR(200)  NOT NULL,
    control_id      VARCHAR(64)   NOT NULL,
    transition      VARCHAR(32)   NOT NULL CHECK (transition IN ('PASS_TO_FAIL', 'FAIL_TO_PASS', 'NOT_EVALUATED')),
    event_at        TIMESTAMPTZ   NOT NULL,              -- evaluatedAt of the status event
    payload         JSONB         NOT NULL,              -- the Slack Block Kit message, as posted
    state           VARCHAR(16)   NOT NULL CHECK (state IN ('PENDING', 'SENT', 'FAILED', 'SUPPRESSED', 'UNROUTED')),
    attempts        INTEGER       NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at TIMESTAMPTZ   NOT NULL,              -- PENDING: not before (the hold for flapping, then backoff)
    last_error      TEXT,                                -- why the last attempt failed, or why it was not sent
    route           VARCHAR(200),                        -- the route's name (never the webhook URL, a secret)
    created_at      TIMESTAMPTZ   NOT NULL,
    sent_at         TIMESTAMPTZ,
    CONSTRAINT alert_once UNIQUE (alert_key)
);

-- The sender's scan: due PENDING alerts, oldest first.
CREATE INDEX alert_due ON ${flyway:defaultSchema}.alert (next_attempt_at) WHERE state = 'PENDING';
-- History, newest first, optionally per control.
CREATE INDEX alert_by_control ON ${flyway:defaultSchema}.alert (control_id, created_at DESC, id DESC);
CREATE INDEX alert_by_created ON ${flyway:defaultSchema}.alert (created_at DESC, id DESC);
