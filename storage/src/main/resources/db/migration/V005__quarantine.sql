-- Everything that could not be counted, with why and where it came from, so it can be re-processed later.
CREATE TABLE IF NOT EXISTS quarantine${LOCAL} ${ON_CLUSTER}
(
    sha256          FixedString(64),
    reason_code     LowCardinality(String),
    reason_path     String,
    reason_message  String,
    channel         LowCardinality(String),
    received_at     DateTime64(3, 'UTC'),
    origin          Nullable(String),
    coordinates     Map(LowCardinality(String), String),
    media_type      Nullable(String),
    source_topic    LowCardinality(String),
    source_partition UInt32,
    source_offset   UInt64,
    bytes           String CODEC(ZSTD(3))
)
ENGINE = ${ENGINE:ReplacingMergeTree}
PARTITION BY toYYYYMM(received_at)
ORDER BY (received_at, sha256, source_topic, source_partition, source_offset)
TTL toDate(received_at) + INTERVAL ${RAW_RETENTION_DAYS} DAY
SETTINGS ${DEDUP_WINDOW};

${DISTRIBUTED quarantine cityHash64(sha256)};
