-- A status's two parts (dev.vigil.control-status.v1 `automated` and `documents`, docs/controls.md): what the
-- control's rules alone say and what its required documents say (present, missing, expired). Null for a control
-- without that part and for statuses published before parts existed.
ALTER TABLE ${flyway:defaultSchema}.control_status ADD COLUMN automated_part JSONB;
ALTER TABLE ${flyway:defaultSchema}.control_status ADD COLUMN document_part JSONB;
