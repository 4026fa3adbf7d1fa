-- Several evaluator instances (issue 15): each control is evaluated under a per-control lock, and each status
-- published gets the control's next version, 1, 2, 3, … , recorded in the transaction that records the publication.
-- Consumers keep the highest version and drop a lower one (a late or duplicate delivery).
--
-- A control's statuses so far are numbered by evaluation time, so the one it holds now is the highest: the next
-- publication continues above what consumers may hold. published_status has every status published since V6 and,
-- for each control, its current one (V6 copied it), so control_state's version is that count.
ALTER TABLE published_status ADD COLUMN version bigint;
UPDATE published_status p
   SET version = n.version
  FROM (SELECT control_id, evaluated_at,
               row_number() OVER (PARTITION BY control_id ORDER BY evaluated_at) AS version
          FROM published_status) n
 WHERE p.control_id = n.control_id AND p.evaluated_at = n.evaluated_at;
ALTER TABLE published_status ALTER COLUMN version SET NOT NULL;

ALTER TABLE control_state ADD COLUMN version bigint NOT NULL DEFAULT 0;
UPDATE control_state c
   SET version = (SELECT count(*) FROM published_status p WHERE p.control_id = c.control_id);
ALTER TABLE control_state ALTER COLUMN version DROP DEFAULT;
