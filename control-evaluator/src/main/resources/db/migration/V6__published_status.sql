-- Every status the evaluator published, with its complete list of failing resources. A status event lists only the
-- first of them (StatusEventBounds: Kafka refuses records above 1 MiB); the dashboard and auditors' period bundles
-- read the whole list here, by control and evaluation time (GET /api/controls/{id}/failing-resources). Written in the
-- transaction that records the evaluation.
CREATE TABLE published_status (
    control_id             text        NOT NULL,
    evaluated_at           timestamptz NOT NULL,
    status                 text        NOT NULL,
    resources_in_scope     integer     NOT NULL,
    failing_resource_count integer     NOT NULL,
    failing_resources      jsonb       NOT NULL,
    reason                 text,
    PRIMARY KEY (control_id, evaluated_at)
);

-- The status each control was last published with is known already: keep its list too. Earlier statuses were
-- published whole (or, above Kafka's limit, not at all), so nothing of theirs is missing.
INSERT INTO published_status (control_id, evaluated_at, status, resources_in_scope, failing_resource_count,
                              failing_resources, reason)
SELECT control_id, evaluated_at, status, resources_in_scope, jsonb_array_length(failing_resources), failing_resources,
       reason
  FROM control_state;
