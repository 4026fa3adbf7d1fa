-- How many resources of the coverage's run have been stored so far. Kept as a counter so that settling scope
-- costs one increment per newly seen resource instead of a count over the run on every evidence record.
ALTER TABLE coverage ADD COLUMN seen_in_run bigint NOT NULL DEFAULT 0;
