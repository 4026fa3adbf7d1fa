-- The control's status version the projected status carried (dev.vigil.control-status.v1 `version`): a status
-- replaces the stored one only with a higher version (or the same version evaluated later), so a stale delivery, e.g.
-- from a second evaluator instance, is dropped. Null: the event had none (published before versions existed); such a
-- status is ordered by evaluated_at, as before.
ALTER TABLE ${flyway:defaultSchema}.control_status ADD COLUMN version BIGINT;
