-- One row per policy of a report. sts, tlsa and no-policy-found rows stay apart: Microsoft reports the same
-- sessions under both sts and tlsa, so policy_type is part of every key and aggregate.
CREATE TABLE IF NOT EXISTS policy_results${LOCAL} ${ON_CLUSTER}
(
    key             FixedString(32),
    policy_index    UInt16,
    day             Date,
    organization    LowCardinality(String),
    policy_type     LowCardinality(String),
    policy_domain   LowCardinality(String),
    policy_string   Array(String) CODEC(ZSTD(3)),
    mx_host         Array(LowCardinality(String)),
    successful      UInt64 CODEC(T64, ZSTD(1)),
    failed          UInt64 CODEC(T64, ZSTD(1)),
    detail_failed   UInt64 CODEC(T64, ZSTD(1))
)
ENGINE = ${ENGINE:ReplacingMergeTree}
PARTITION BY toYYYYMM(day)
ORDER BY (policy_domain, day, policy_type, key, policy_index)
TTL day + INTERVAL ${RETENTION_DAYS} DAY
SETTINGS ${DEDUP_WINDOW};

${DISTRIBUTED policy_results cityHash64(key)};
