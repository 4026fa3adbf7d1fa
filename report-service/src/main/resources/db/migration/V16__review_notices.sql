-- Access review reminders and overdue notices (docs/access-reviews.md#reminders) go through the alert table, the
-- outbox the Slack sender delivers from: its unique alert_key sends each reminder once, across restarts and instances.
ALTER TABLE ${flyway:defaultSchema}.alert DROP CONSTRAINT alert_transition_check;
ALTER TABLE ${flyway:defaultSchema}.alert ADD CONSTRAINT alert_transition_check
    CHECK (transition IN ('PASS_TO_FAIL', 'FAIL_TO_PASS', 'NOT_EVALUATED', 'REVIEW_REMINDER', 'REVIEW_OVERDUE'));
