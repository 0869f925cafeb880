-- A batch now spans the partitions a processor owns (one insert per table instead of one per partition and table):
-- each of its partitions gets a row as before, and ranges names the whole batch ("0:10-20,3:5-9") so that whichever
-- processor takes one of those partitions over re-forms exactly the same batch. Empty in rows written before V015,
-- which name single-partition batches.
ALTER TABLE processor_batches${LOCAL} ${ON_CLUSTER} ADD COLUMN IF NOT EXISTS ranges String DEFAULT '';
${CLUSTER_ONLY} ALTER TABLE processor_batches ${ON_CLUSTER} ADD COLUMN IF NOT EXISTS ranges String DEFAULT '';
