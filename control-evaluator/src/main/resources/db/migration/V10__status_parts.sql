-- A published status's two parts (docs/controls.md): what the control's rules alone say and what its required
-- documents say (present, missing, expired), as the status event carried them. Null for a control without that part
-- and for statuses published before parts existed; the evaluator republishes every control once after the upgrade
-- (the parts are part of what it compares), so each control's current status has them.
ALTER TABLE published_status ADD COLUMN automated_part jsonb;
ALTER TABLE published_status ADD COLUMN document_part jsonb;
