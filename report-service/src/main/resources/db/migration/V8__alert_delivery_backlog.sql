-- Slack delivery backlog (docs/report-service.md#alerts): when each alert was last tried, so the dashboard can say
-- which delivery error came last and how many alerts failed in the last 24 h. created_at cannot stand in: an alert
-- retried for 24 h fails a day after it was raised.
ALTER TABLE ${flyway:defaultSchema}.alert ADD COLUMN last_attempt_at TIMESTAMPTZ;

-- Rows tried before this column existed: a SENT alert's last attempt is the one that succeeded; for the others the
-- time is unknown, and when the alert was raised is the earliest it can have been.
UPDATE ${flyway:defaultSchema}.alert SET last_attempt_at = COALESCE(sent_at, created_at) WHERE attempts > 0;

-- The sender's per-control order: an alert is claimed only when no older alert of its control is still PENDING.
CREATE INDEX alert_pending_by_control ON ${flyway:defaultSchema}.alert (control_id, id) WHERE state = 'PENDING';
-- The backlog's failures of the last 24 h.
CREATE INDEX alert_failed ON ${flyway:defaultSchema}.alert (last_attempt_at) WHERE state = 'FAILED';
