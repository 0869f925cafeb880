-- One row per failure detail. failed_sessions need not add up to the policy's failed total (senders truncate).
CREATE TABLE IF NOT EXISTS failure_details${LOCAL} ${ON_CLUSTER}
(
    key                    FixedString(32),
    policy_index           UInt16,
    detail_index           UInt32,
    day                    Date,
    policy_domain          LowCardinality(String),
    policy_type            LowCardinality(String),
    organization           LowCardinality(String),
    result_type            LowCardinality(String),
    sending_mta_ip         String,
    receiving_mx_hostname  LowCardinality(String),
    receiving_mx_helo      String,
    receiving_ip           String,
    failed_sessions        UInt64 CODEC(T64, ZSTD(1)),
    additional_information String CODEC(ZSTD(3)),
    failure_reason_code    LowCardinality(String)
)
ENGINE = ${ENGINE:ReplacingMergeTree}
PARTITION BY toYYYYMM(day)
ORDER BY (policy_domain, day, result_type, key, policy_index, detail_index)
TTL day + INTERVAL ${RETENTION_DAYS} DAY
SETTINGS ${DEDUP_WINDOW};

${DISTRIBUTED failure_details cityHash64(key)};
