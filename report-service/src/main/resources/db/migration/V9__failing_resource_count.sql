-- How many resources failed, whether or not the status event listed them all. Events list only the first failing
-- resources (the evaluator's StatusEventBounds keeps them under Kafka's 1 MiB) and count the rest; the evaluator
-- keeps every status's complete list (GET /api/controls/{id}/failing-resources?evaluatedAt=). Statuses recorded
-- before listed everything: their count is their list's length.
ALTER TABLE ${flyway:defaultSchema}.control_status ADD COLUMN failing_resource_count INTEGER;
UPDATE ${flyway:defaultSchema}.control_status SET failing_resource_count = jsonb_array_length(failing_resources);
ALTER TABLE ${flyway:defaultSchema}.control_status ALTER COLUMN failing_resource_count SET NOT NULL;

ALTER TABLE ${flyway:defaultSchema}.status_interval ADD COLUMN failing_resource_count INTEGER;
UPDATE ${flyway:defaultSchema}.status_interval SET failing_resource_count = jsonb_array_length(failing_resources);
ALTER TABLE ${flyway:defaultSchema}.status_interval ALTER COLUMN failing_resource_count SET NOT NULL;
