-- The writer's intent log: the offset range of each batch, written before its rows. After a crash the same range
-- is re-formed, so the retry carries the same insert_deduplication_token (see docs/schema.md).
CREATE TABLE IF NOT EXISTS processor_batches${LOCAL} ${ON_CLUSTER}
(
    topic         LowCardinality(String),
    partition     UInt32,
    first_offset  UInt64,
    last_offset   UInt64,
    written_at    DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ${ENGINE:ReplacingMergeTree(written_at)}
ORDER BY (topic, partition, first_offset)
TTL toDateTime(written_at) + INTERVAL 30 DAY;

${DISTRIBUTED processor_batches cityHash64(topic, partition)};
